// The reference for the differential test of the profile decoder: moby's own code loading each profile for
// a container (scripts/moby-reference builds it against moby 20.10.24's profiles/seccomp, Debian 12's,
// moby 28.5's vendored moby/profiles/seccomp, or Podman's loader, containers/common's pkg/seccomp), followed
// by the checks the runtime then makes, restated here (importing runc needs its whole libcontainer; crun is C):
//   - runc, as Debian 12's runc 1.1.5 makes them (libcontainer/specconv SetupSeccomp with
//     libcontainer/seccomp ConvertStringToAction and ConvertStringToOperator, and libseccomp-golang's argument
//     index): no seccomp flags at all, its own architecture table, and notify only in a rule other than
//     write's, with a listener;
//   - with --crun, as crun 1.21 makes them (src/libcrun/seccomp.c): its flags, libseccomp's architecture
//     names, and an errno only on an action that returns one.
//
// stdin: one JSON string per line, the profile text. stdout: one JSON object per line,
// {"effect":"invalid"|"no_filter"|"filter","defaultAction":...,"rules":[{"names":[...],"action":...,"args":N}]}.
// moby_profile [--crun] [CAPS]: CAPS, the container's bounding capabilities, comma-separated (default:
// Docker's default set).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/docker/docker/profiles/seccomp"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

type rule struct {
	Names  []string `json:"names"`
	Action string   `json:"action"`
	Args   int      `json:"args"`
}

type result struct {
	Effect        string `json:"effect"`
	DefaultAction string `json:"defaultAction,omitempty"`
	Rules         []rule `json:"rules,omitempty"`
	Error         string `json:"error,omitempty"`
}

// runc libcontainer/seccomp/config.go operators; libseccomp-golang MakeCondition refuses an index above 5.
var runcOperators = map[string]bool{
	"SCMP_CMP_NE": true, "SCMP_CMP_LT": true, "SCMP_CMP_LE": true, "SCMP_CMP_EQ": true, "SCMP_CMP_GE": true,
	"SCMP_CMP_GT": true, "SCMP_CMP_MASKED_EQ": true,
}

var runcActions = map[string]bool{
	"SCMP_ACT_KILL": true, "SCMP_ACT_KILL_PROCESS": true, "SCMP_ACT_KILL_THREAD": true, "SCMP_ACT_ERRNO": true,
	"SCMP_ACT_TRAP": true, "SCMP_ACT_ALLOW": true, "SCMP_ACT_TRACE": true, "SCMP_ACT_LOG": true, "SCMP_ACT_NOTIFY": true,
}

// runc 1.1.5 libcontainer/seccomp/config.go archs (ConvertStringToArch).
var runcArchs = map[string]bool{
	"SCMP_ARCH_X86": true, "SCMP_ARCH_X86_64": true, "SCMP_ARCH_X32": true, "SCMP_ARCH_ARM": true,
	"SCMP_ARCH_AARCH64": true, "SCMP_ARCH_MIPS": true, "SCMP_ARCH_MIPS64": true, "SCMP_ARCH_MIPS64N32": true,
	"SCMP_ARCH_MIPSEL": true, "SCMP_ARCH_MIPSEL64": true, "SCMP_ARCH_MIPSEL64N32": true, "SCMP_ARCH_PPC": true,
	"SCMP_ARCH_PPC64": true, "SCMP_ARCH_PPC64LE": true, "SCMP_ARCH_S390": true, "SCMP_ARCH_S390X": true,
}

// runc 1.1.5's refusals that read the fields the runtime-spec release in use may lack (flags, listenerPath):
// read through the JSON the loader's result encodes to.
func runcRefusal(filter *specs.LinuxSeccomp) string {
	encoded, _ := json.Marshal(filter)
	var fields struct {
		Flags         []string `json:"flags"`
		Architectures []string `json:"architectures"`
		ListenerPath  string   `json:"listenerPath"`
	}
	_ = json.Unmarshal(encoded, &fields)
	if len(fields.Flags) != 0 {
		return "seccomp flags are not yet supported by runc"
	}
	for _, arch := range fields.Architectures {
		if !runcArchs[arch] {
			return "not a valid arch"
		}
	}
	if filter.DefaultAction == "SCMP_ACT_NOTIFY" {
		return "notify as default action"
	}
	notify := false
	for _, call := range filter.Syscalls {
		if call.Action != "SCMP_ACT_NOTIFY" {
			continue
		}
		notify = true
		for _, name := range call.Names {
			if name == "write" {
				return "notify for write"
			}
		}
	}
	if notify && fields.ListenerPath == "" {
		return "listenerPath is not set"
	}
	return ""
}

// crun 1.21 src/libcrun/seccomp.c: the flags libcrun_apply_seccomp knows, and libseccomp 2.6's architecture
// names (src/arch.c seccomp_arch_resolve_name) that crun resolves after dropping "SCMP_ARCH_" and lowercasing.
var crunFlags = map[string]bool{
	"SECCOMP_FILTER_FLAG_TSYNC": true, "SECCOMP_FILTER_FLAG_SPEC_ALLOW": true, "SECCOMP_FILTER_FLAG_LOG": true,
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV": true,
}

var crunArchs = map[string]bool{
	"x86": true, "x86_64": true, "x32": true, "arm": true, "aarch64": true, "loongarch64": true, "m68k": true,
	"mips": true, "mipsel": true, "mips64": true, "mipsel64": true, "mips64n32": true, "mipsel64n32": true,
	"parisc": true, "parisc64": true, "ppc": true, "ppc64": true, "ppc64le": true, "s390": true, "s390x": true,
	"riscv64": true, "sh": true, "sheb": true,
}

func crunRefusal(filter *specs.LinuxSeccomp) string {
	encoded, _ := json.Marshal(filter)
	var fields struct {
		Flags           []string `json:"flags"`
		Architectures   []string `json:"architectures"`
		DefaultErrnoRet *uint    `json:"defaultErrnoRet"`
		Syscalls        []struct {
			Action   string `json:"action"`
			ErrnoRet *uint  `json:"errnoRet"`
		} `json:"syscalls"`
	}
	_ = json.Unmarshal(encoded, &fields)
	for _, flag := range fields.Flags {
		if !crunFlags[flag] {
			return "unknown seccomp option " + flag
		}
	}
	returnsErrno := func(action string) bool { return action == "SCMP_ACT_ERRNO" || action == "SCMP_ACT_TRACE" }
	if fields.DefaultErrnoRet != nil && !returnsErrno(string(filter.DefaultAction)) {
		return "errno value specified for the default action"
	}
	for _, arch := range fields.Architectures {
		if !crunArchs[strings.ToLower(strings.TrimPrefix(arch, "SCMP_ARCH_"))] {
			return "seccomp unknown architecture " + arch
		}
	}
	for _, call := range fields.Syscalls {
		if call.ErrnoRet != nil && !returnsErrno(call.Action) {
			return "errno value specified for action " + call.Action
		}
	}
	return ""
}

var runtimeRefusal = runcRefusal

func load(body string, spec *specs.Spec) (r result) {
	defer func() { // a null rule or argument: dockerd dereferences it
		if p := recover(); p != nil {
			r = result{Effect: "invalid", Error: fmt.Sprint("panic: ", p)}
		}
	}()
	filter, err := seccomp.LoadProfile(body, spec)
	if err != nil {
		return result{Effect: "invalid", Error: err.Error()}
	}
	if filter == nil || (filter.DefaultAction == "" && len(filter.Syscalls) == 0) {
		return result{Effect: "no_filter"}
	}
	if !runcActions[string(filter.DefaultAction)] {
		return result{Effect: "invalid", Error: "default action"}
	}
	if refusal := runtimeRefusal(filter); refusal != "" {
		return result{Effect: "invalid", Error: refusal}
	}
	r = result{Effect: "filter", DefaultAction: string(filter.DefaultAction), Rules: []rule{}}
	for _, call := range filter.Syscalls {
		if !runcActions[string(call.Action)] {
			return result{Effect: "invalid", Error: "action"}
		}
		for _, arg := range call.Args {
			if !runcOperators[string(arg.Op)] {
				return result{Effect: "invalid", Error: "invalid operator"}
			}
			if arg.Index > 5 {
				return result{Effect: "invalid", Error: "argument index above 5"}
			}
		}
		names := call.Names
		if names == nil {
			names = []string{}
		}
		r.Rules = append(r.Rules, rule{Names: names, Action: string(call.Action), Args: len(call.Args)})
	}
	return r
}

func main() {
	// moby oci/caps DefaultCapabilities (not imported: it pulls gocapability and errdefs).
	bounding := []string{"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
		"CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
		"CAP_AUDIT_WRITE"}
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--crun" {
		runtimeRefusal = crunRefusal
		args = args[1:]
	}
	if len(args) > 0 {
		bounding = strings.Split(args[0], ",")
	}
	spec := &specs.Spec{Process: &specs.Process{Capabilities: &specs.LinuxCapabilities{Bounding: bounding}}}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var body string
		if err := json.Unmarshal(in.Bytes(), &body); err != nil {
			fmt.Fprintln(os.Stderr, "moby_profile: input line is not a JSON string:", err)
			os.Exit(2)
		}
		if err := out.Encode(load(body, spec)); err != nil {
			os.Exit(2)
		}
	}
}
