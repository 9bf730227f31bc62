import EventGridCLI
import Foundation

let status = await EventGridCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
