import Foundation
import SwaggerGenCore

exit(SwaggerGenCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
