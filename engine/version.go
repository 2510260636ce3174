package main

import (
	"runtime"
	"runtime/debug"
)

// Set at build time by scripts/build-engine.sh (-ldflags -X): the vecstress version, and the hash
// of the Go sources the binary was built from, which `build-engine.sh --check` compares.
var (
	version    = "dev"
	sourceHash = "unknown"
)

// buildInfo is what `vecstress-engine version` prints.
type buildInfo struct {
	Version      string `json:"version"`
	SourceHash   string `json:"sourceHash"`
	Go           string `json:"go"`
	Vegeta       string `json:"vegeta"`
	HdrHistogram string `json:"hdrhistogram"`
}

// readBuildInfo reads the library versions from the module data Go embeds in every binary, so
// they cannot disagree with go.mod.
func readBuildInfo() buildInfo {
	info := buildInfo{Version: version, SourceHash: sourceHash, Go: runtime.Version(), Vegeta: "unknown", HdrHistogram: "unknown"}
	if build, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range build.Deps {
			switch dep.Path {
			case "github.com/tsenart/vegeta/v12":
				info.Vegeta = dep.Version
			case "github.com/HdrHistogram/hdrhistogram-go":
				info.HdrHistogram = dep.Version
			}
		}
	}
	return info
}
