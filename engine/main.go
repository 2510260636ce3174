// Command vecstress-engine is vecstress's load engine: it replays a request corpus against a
// target following a plan, on vegeta's attack library, and writes compact per-second windows as
// NDJSON on stdout (docs/run-folder.md).
//
//	VECSTRESS_TARGET=http://127.0.0.1:6333 vecstress-engine run --plan plan.json --corpus corpus.ndjson
//	vecstress-engine run --plan plan.json --corpus corpus.ndjson --target http://127.0.0.1:6333
//	vecstress-engine version
//
// The target URL may carry a password (http://user:pw@lb:6333), so vecstress passes it in the
// environment (VECSTRESS_TARGET), which only the same user can read, rather than on the command
// line, which any `ps` shows; --target is for tests and manual use.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK = 0
	// exitRunError: the run could not finish (its end line says why).
	exitRunError = 1
	// exitUsage: bad arguments or input files; nothing was sent.
	exitUsage = 2
	// exitSecondSignal: a second SIGINT/SIGTERM ended the engine at once, without an end line.
	exitSecondSignal = 130
)

const usage = `usage:
  vecstress-engine run --plan plan.json --corpus corpus.ndjson [--target URL]
  vecstress-engine check --plan plan.json
  vecstress-engine version

The target's base URL comes from --target or, when that is absent, from the environment variable
VECSTRESS_TARGET; use the variable when the URL carries a password, since a command line shows in
process lists. The API key, when the target needs one, comes from the environment variable
VECSTRESS_API_KEY.
`

func main() {
	os.Exit(command(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// command runs one command line with the environment getenv reads and returns the exit code.
func command(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return runCommand(args[1:], getenv, stdout, stderr)
	case "check":
		return checkCommand(args[1:], stdout, stderr)
	case "version":
		data, _ := json.Marshal(readBuildInfo())
		fmt.Fprintln(stdout, string(data))
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "vecstress-engine: unknown command %q\n%s", args[0], usage)
		return exitUsage
	}
}
