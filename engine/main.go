// Command vecstress-engine is vecstress's load engine: it replays a request corpus against a
// target following a plan, on vegeta's attack library, and writes compact per-second windows as
// NDJSON on stdout (docs/run-folder.md).
//
//	vecstress-engine run --plan plan.json --corpus corpus.ndjson --target http://127.0.0.1:6333
//	vecstress-engine version
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
  vecstress-engine run --plan plan.json --corpus corpus.ndjson --target URL
  vecstress-engine version

The API key, when the target needs one, comes from the environment variable VECSTRESS_API_KEY.
`

func main() {
	os.Exit(command(os.Args[1:], os.Stdout, os.Stderr))
}

// command runs one command line and returns the exit code.
func command(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return runCommand(args[1:], stdout, stderr)
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
