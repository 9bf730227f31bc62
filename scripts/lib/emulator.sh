# Sourced by scripts that run the emulator CLI in the background.
#   start_emulator BINARY LOG ARGS...   starts `BINARY emulator ARGS...` with output in LOG, sets
#                                       emulator_pid, and sets base to http://127.0.0.1:P once it
#                                       prints "listening on …" (fails after 30 s or an early exit)
#   stop_emulator                       SIGTERM, if it is still running
emulator_pid=""
base=""

start_emulator() {
    local binary=$1 log=$2
    shift 2
    "$binary" emulator "$@" >"$log" 2>&1 &
    emulator_pid=$!
    base=""
    for _ in $(seq 1 300); do
        base=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$log")
        [[ -n $base ]] && return 0
        kill -0 "$emulator_pid" 2>/dev/null || { cat "$log"; echo "the emulator exited early"; return 1; }
        sleep 0.1
    done
    cat "$log"
    echo "the emulator did not start"
    return 1
}

stop_emulator() {
    if [[ -n $emulator_pid ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
    fi
}
