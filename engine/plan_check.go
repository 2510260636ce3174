package main

import (
	"flag"
	"fmt"
	"io"
)

// checkCommand validates a plan without sending anything (vecstress-engine check --plan FILE), so
// that vecstress's --dry-run refuses exactly the plans a real run would: one validation, the
// engine's own. Each problem goes to stderr on a line of its own; the exit code is exitUsage when
// there is any.
func checkCommand(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	planPath := flags.String("plan", "", "the plan file to check")
	if err := flags.Parse(args); err != nil {
		return exitUsage
	}
	if *planPath == "" || flags.NArg() > 0 {
		fmt.Fprint(stderr, "vecstress-engine check: needs --plan FILE and nothing else\n", usage)
		return exitUsage
	}
	if _, err := loadPlan(*planPath); err != nil {
		if input, ok := err.(inputError); ok {
			for _, problem := range input.problems {
				fmt.Fprintln(stderr, problem)
			}
		} else {
			fmt.Fprintln(stderr, err)
		}
		return exitUsage
	}
	fmt.Fprintln(stdout, "plan ok")
	return exitOK
}
