#!/usr/bin/env python3
"""Side-by-side load comparison of the sample server and Kamailio (stateless, the same three rules).

For each rate step and each server: a sipp UAS (the carrier) and a sipp UAC (the caller) run full calls
(INVITE/180/200/ACK/BYE/200) through the server on loopback for a fixed time. Per step it records calls
attempted/successful/failed at both ends, the achieved rate, retransmissions, the server's CPU (from
/proc/PID/stat, children included) and kernel UDP drops (the server socket's drop counter in
/proc/net/udp and the system-wide Udp RcvbufErrors in /proc/net/snmp). Every process it starts is
stopped by PID; every wait is bounded. run.sh installs the peers and builds the sample first.
"""

import argparse
import datetime
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOOPBACK = "127.0.0.1"
UAC_PORT = 5066
UAS_PORT = 5070
CALLEE = "0901234567"
ITSP_DOMAIN = "itsp.example.com"
SERVER_PORTS = {"kamailio": 5060, "sample": 5080}
LABELS = {"kamailio": "Kamailio", "sample": "sample"}
MARK_BEGIN = "<!-- sip-load:begin (written by benchmarks/sip-load/run.sh) -->"
MARK_END = "<!-- sip-load:end -->"

started = []  # every Popen this script started, stopped by PID on exit


def stop(process, grace=5.0):
    """Stops one process this script started: SIGTERM, then SIGKILL after the grace period."""
    if process.poll() is not None:
        return
    try:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    except ProcessLookupError:
        pass


def stop_all():
    for process in reversed(started):
        stop(process)


def start(args, log_path, cwd):
    log = open(log_path, "wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd)
    started.append(process)
    return process


def descendants(pid):
    """The PIDs of pid and every process it forked (Kamailio's workers), read from /proc."""
    result, queue = [], [pid]
    while queue:
        current = queue.pop()
        result.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    queue.extend(int(child) for child in f.read().split())
        except OSError:
            pass
    return result


def cpu_ticks(pids):
    """utime + stime (fields 14 and 15 of /proc/PID/stat) summed over the processes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def socket_drops(port):
    """The drop counter of the UDP sockets bound to 127.0.0.1:port (last column of /proc/net/udp)."""
    local = f"0100007F:{port:04X}"
    drops = 0
    with open("/proc/net/udp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[1] == local:
                drops += int(fields[-1])
    return drops


def kernel_udp_errors():
    """System-wide Udp RcvbufErrors from /proc/net/snmp (all sockets, sipp's included)."""
    with open("/proc/net/snmp") as f:
        lines = [line.split() for line in f if line.startswith("Udp:")]
    names, values = lines[0], lines[1]
    return int(values[names.index("RcvbufErrors")])


def wait_listening(port, timeout):
    local = f"0100007F:{port:04X}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open("/proc/net/udp") as f:
            if any(line.split()[1] == local for line in list(f)[1:]):
                return True
        time.sleep(0.1)
    return False


def sample_command():
    build = os.path.join(REPO, "samples", "AlwaysConnected.SipProxy", "bin", "Release", "net10.0")
    app = os.path.join(build, "AlwaysConnected.SipProxy")
    command = [app] if os.path.exists(app) else ["dotnet", os.path.join(build, "AlwaysConnected.SipProxy.dll")]
    port = SERVER_PORTS["sample"]
    # The same three rules as kamailio.cfg, in the library's configuration (the preset is off).
    settings = {
        "SipProxy:ListenAddress": LOOPBACK,
        "SipProxy:SipPort": str(port),
        "SipProxy:PbxCorePort": "0",
        "SipProxy:EnableTcp": "false",
        f"SipProxy:Hosts:{ITSP_DOMAIN}": f"{LOOPBACK}:{UAS_PORT}",
        "Routing:AlwaysConnected:Enabled": "false",
        "Routing:DialPlan:Preliminary:0:Name": "anti-spoofing",
        "Routing:DialPlan:Preliminary:0:Matching:0": "$request = ^INVITE",
        "Routing:DialPlan:Preliminary:0:Matching:1": "$localhost = ^false",
        "Routing:DialPlan:Preliminary:0:Matching:2": "X-PBX-Param = ^pin$",
        "Routing:DialPlan:Preliminary:0:Deploy:0": "$action = 603",
        "Routing:DialPlan:Preliminary:1:Name": "strip-marker",
        "Routing:DialPlan:Preliminary:1:Matching:0": "$localhost = ^false",
        "Routing:DialPlan:Preliminary:1:Deploy:0": "X-PBX-Param =",
        "Routing:DialPlan:Preliminary:1:Deploy:1": "$continue = true",
        "Routing:DialPlan:Rules:0:Name": "to-pbx-core",
        "Routing:DialPlan:Rules:0:Matching:0": "$request = ^INVITE",
        "Routing:DialPlan:Rules:0:Matching:1": "$localhost = ^true",
        "Routing:DialPlan:Rules:0:Matching:2": "$port = ^5056$",
        "Routing:DialPlan:Rules:0:Deploy:0": "$target = 127.0.0.1:5052",
        "Routing:DialPlan:Rules:1:Name": "to-carrier",
        "Routing:DialPlan:Rules:1:Matching:0": "$request = ^INVITE",
        "Routing:DialPlan:Rules:1:Matching:1": "$geturi(To) = sip:([0-9]{10,20})@",
        "Routing:DialPlan:Rules:1:Deploy:0": f"To = sip:%1@{ITSP_DOMAIN}",
        "Logging:LogLevel:Default": "Warning",
        "Logging:LogLevel:Microsoft.Hosting.Lifetime": "Information",
    }
    return command + [f"--{key}={value}" for key, value in settings.items()]


def kamailio_command(work):
    port = SERVER_PORTS["kamailio"]
    return ["kamailio", "-f", os.path.join(HERE, "kamailio.cfg"), "-DD", "-E", "-x", "tlsf",
            "-m", "256", "-M", "16", "-l", f"udp:{LOOPBACK}:{port}",
            "-A", f'CARRIER="sip:{LOOPBACK}:{UAS_PORT}"', "-P", os.path.join(work, "kamailio.pid"),
            "-Y", work, "-w", work]


def start_server(name, work):
    command = kamailio_command(work) if name == "kamailio" else sample_command()
    process = start(command, os.path.join(work, f"{name}.log"), work)
    if not wait_listening(SERVER_PORTS[name], 30):
        stop(process)
        raise RuntimeError(f"{name} did not listen on {SERVER_PORTS[name]} within 30 s; see {work}/{name}.log")
    time.sleep(1.0)  # Kamailio forks its workers after binding
    return process


def read_stat(path):
    """The rows of a sipp -trace_stat file as dicts (';' separated, header first)."""
    with open(path) as f:
        lines = [line.rstrip("\n").rstrip(";").split(";") for line in f if line.strip()]
    header = lines[0]
    return [dict(zip(header, row)) for row in lines[1:]]


def seconds(elapsed):
    """sipp's ElapsedTime(C): HH:MM:SS:uuuuuu (the last part in microseconds)."""
    parts = [int(p) for p in re.split("[:.]", elapsed)]
    hours, minutes, secs, micros = (parts + [0, 0, 0, 0])[:4]
    return hours * 3600 + minutes * 60 + secs + micros / 1e6


def created_at(rows, at):
    """Calls the UAC had created at `at` seconds into the step (linear between two statistics rows)."""
    points = [(0.0, 0)] + [(seconds(r["ElapsedTime(C)"]), int(r["TotalCallCreated"])) for r in rows]
    for (t0, c0), (t1, c1) in zip(points, points[1:]):
        if t1 >= at:
            return c0 + (c1 - c0) * (at - t0) / (t1 - t0) if t1 > t0 else c1
    return points[-1][1]


def ends(rows):
    last = rows[-1] if rows else {}
    value = lambda key: int(last.get(key, 0) or 0)
    return {"created": value("TotalCallCreated"), "ok": value("SuccessfulCall(C)"),
            "failed": value("FailedCall(C)"), "retrans": value("Retransmissions(C)")}


def run_step(name, server, rate, step_seconds, work, tag=""):
    calls = rate * step_seconds
    port = SERVER_PORTS[name]
    step_dir = os.path.join(work, f"{name}-{rate}{tag}")
    os.makedirs(step_dir, exist_ok=True)
    pids = descendants(server.pid)
    ticks0, drops0, kernel0 = cpu_ticks(pids), socket_drops(port), kernel_udp_errors()
    bound = step_seconds + 40
    # Two workers on one socket may pass a 200 before the 180 just ahead of it (so may Kamailio's two
    # processes): sipp must not abort a call over a late provisional response (-abortunexp off).
    common = ["-i", LOOPBACK, "-m", str(calls), "-trace_stat", "-fd", "1", "-nostdin", "-default_behaviors", "all,-abortunexp",
              "-timeout", f"{bound}s", "-timeout_error", "-max_recv_loops", "10000", "-buff_size", "4194304"]
    uas = start(["sipp", "-sf", os.path.join(HERE, "uas.xml"), "-p", str(UAS_PORT), "-stf", "uas.csv"] + common,
                os.path.join(step_dir, "uas.out"), step_dir)
    time.sleep(0.3)
    wall0 = time.monotonic()
    uac = start(["sipp", f"{LOOPBACK}:{port}", "-sf", os.path.join(HERE, "uac.xml"), "-s", CALLEE, "-p", str(UAC_PORT),
                 "-r", str(rate), "-rp", "1000", "-l", str(max(100, rate * 4)), "-stf", "uac.csv"] + common,
                os.path.join(step_dir, "uac.out"), step_dir)
    # CPU is read over the step's own window (the calls being made), not the tail of late calls.
    try:
        uac.wait(timeout=step_seconds)
    except subprocess.TimeoutExpired:
        pass
    window = time.monotonic() - wall0
    ticks1 = cpu_ticks(descendants(server.pid))
    try:
        uac.wait(timeout=bound + 10)
    except subprocess.TimeoutExpired:
        stop(uac)
    wall = time.monotonic() - wall0
    try:
        uas.wait(timeout=10)
    except subprocess.TimeoutExpired:
        stop(uas)
    drops1, kernel1 = socket_drops(port), kernel_udp_errors()
    uac_rows = read_stat(os.path.join(step_dir, "uac.csv")) if os.path.exists(os.path.join(step_dir, "uac.csv")) else []
    uas_rows = read_stat(os.path.join(step_dir, "uas.csv")) if os.path.exists(os.path.join(step_dir, "uas.csv")) else []
    a, b = ends(uac_rows), ends(uas_rows)
    achieved = created_at(uac_rows, step_seconds) / step_seconds if uac_rows else 0.0
    cpu = 100.0 * (ticks1 - ticks0) / CLK_TCK / window
    finished = a["ok"] + a["failed"] == calls and b["ok"] + b["failed"] == calls
    failed_share = max(a["failed"] + (calls - a["ok"] - a["failed"]), b["failed"] + (calls - b["ok"] - b["failed"])) / calls
    passed = finished and failed_share < 0.001 and achieved >= 0.95 * rate
    return {"rate": rate, "calls": calls, "uac": a, "uas": b, "achieved": achieved, "cpu": cpu,
            "socket_drops": drops1 - drops0, "kernel_drops": kernel1 - kernel0, "wall": wall, "pass": passed}


def machine():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Linux {platform.release()}"


def version(command, pattern):
    try:
        text = subprocess.run(command, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    match = re.search(pattern, text)
    return match.group(1) if match else text.strip().splitlines()[0] if text.strip() else "unknown"


def commit():
    try:
        return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def cell(result, key):
    if result is None:
        return "—"
    if key == "pass":
        return "**pass**" if result["pass"] else "fail"
    if key == "cpu":
        return f"{result['cpu']:.0f} %"
    if key == "achieved":
        return f"{result['achieved']:,.0f}"
    if key == "failed":
        unfinished = lambda end: result["calls"] - end["ok"] - end["failed"]
        return f"{result['uac']['failed'] + unfinished(result['uac'])} / {result['uas']['failed'] + unfinished(result['uas'])}"
    if key == "retrans":
        return f"{result['uac']['retrans']} / {result['uas']['retrans']}"
    if key == "drops":
        return f"{result['socket_drops']} / {result['kernel_drops']}"
    raise KeyError(key)


def render(results, servers, meta):
    keys = [("pass", "pass"), ("cpu", "CPU"), ("achieved", "calls/s done"), ("failed", "failed UAC / UAS"),
            ("retrans", "retrans. UAC / UAS"), ("drops", "UDP drops socket / all")]
    header = ["calls/s"] + [f"{LABELS[s]} {label}" for s in servers for _, label in keys]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rate in meta["rates"]:
        row = [f"{rate:,}"]
        for server in servers:
            result = next((r for r in results[server] if r["rate"] == rate), None)
            row += [cell(result, key) for key, _ in keys]
        lines.append("| " + " | ".join(row) + " |")
    best = []
    for server in servers:
        passing = [r["rate"] for r in results[server] if r["pass"]]
        best.append(f"{LABELS[server]}: {max(passing):,}" if passing else f"{LABELS[server]}: none")
    lines.append("")
    lines.append("Highest passing step: " + ", ".join(best) + ".")
    detail = ["", "| server | calls/s | attempted | successful UAC / UAS | wall s |", "|---|---|---|---|---|"]
    for server in servers:
        for r in results[server]:
            detail.append(f"| {LABELS[server]} | {r['rate']:,} | {r['calls']:,} | {r['uac']['ok']:,} / {r['uas']['ok']:,} | {r['wall']:.1f} |")
    return "\n".join(lines + detail)


def write_docs(path, table, meta):
    section = "\n".join([
        MARK_BEGIN,
        f"Run of {meta['date']} on commit `{meta['commit']}`: {meta['machine']}; Kamailio {meta['kamailio']}, "
        f"SIPp {meta['sipp']}, .NET {meta['dotnet']}. Load average before / after: {meta['load_before']} / {meta['load_after']}. "
        f"Steps of {meta['step_seconds']} s; CPU is % of one core (all the server's processes); "
        "\"failed\" counts failed and unfinished calls at each end; pass = every call finished, < 0.1 % failed at either end, "
        "≥ 95 % of the target rate.",
        "",
        table,
        MARK_END,
    ])
    with open(path) as f:
        text = f.read()
    if MARK_BEGIN in text and MARK_END in text:
        head, rest = text.split(MARK_BEGIN, 1)
        tail = rest.split(MARK_END, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n## SIP load: the sample against Kamailio\n\n" + section + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="1000,2000,4000,6000,8000,10000,12000")
    parser.add_argument("--step-seconds", type=int, default=10)
    parser.add_argument("--servers", default="kamailio,sample")
    parser.add_argument("--warmup-seconds", type=int, default=4, help="an untimed step at 500 calls/s per server first")
    parser.add_argument("--max-minutes", type=float, default=30, help="no new step starts after this")
    parser.add_argument("--keep-going", action="store_true", help="run the steps above a server's first failure too")
    parser.add_argument("--docs", default=None, help="markdown file to write the table into (e.g. docs/benchmarks.md)")
    parser.add_argument("--smoke", action="store_true", help="exit non-zero unless every step passed")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    servers = [s for s in args.servers.split(",") if s]
    deadline = time.monotonic() + args.max_minutes * 60
    work = tempfile.mkdtemp(prefix="sip-load-")
    meta = {"rates": rates, "step_seconds": args.step_seconds,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(), "commit": commit(), "load_before": " ".join(open("/proc/loadavg").read().split()[:3]),
            "kamailio": version(["kamailio", "-v"], r"kamailio ([0-9.]+)") if "kamailio" in servers else "-",
            "sipp": version(["sipp", "-v"], r"SIPp (v[0-9.]+)"), "dotnet": version(["dotnet", "--version"], r"([0-9.]+\S*)")}
    signal.signal(signal.SIGTERM, lambda *_: (stop_all(), sys.exit(143)))
    results = {s: [] for s in servers}
    alive = {}
    try:
        for server in servers:
            alive[server] = start_server(server, work)
        # An untimed warm-up per server first: the sample's JIT compiles its hot path in the first
        # seconds (tiered compilation), which is start-up cost, not the cost of a call.
        for server in servers:
            if args.warmup_seconds > 0:
                run_step(server, alive[server], 500, args.warmup_seconds, work, tag="warmup")
        failed = set()
        for rate in rates:
            for server in servers:
                if server in failed or time.monotonic() > deadline:
                    continue
                result = run_step(server, alive[server], rate, args.step_seconds, work)
                results[server].append(result)
                print(f"{LABELS[server]:>8} {rate:>6}/s: {'pass' if result['pass'] else 'FAIL'} cpu {result['cpu']:.0f}% "
                      f"achieved {result['achieved']:.0f}/s uac {result['uac']} uas {result['uas']} "
                      f"drops {result['socket_drops']}/{result['kernel_drops']}", flush=True)
                if not result["pass"] and not args.keep_going:
                    failed.add(server)
                time.sleep(1.0)
    finally:
        stop_all()
    meta["load_after"] = " ".join(open("/proc/loadavg").read().split()[:3])
    table = render(results, servers, meta)
    print()
    print(f"{meta['date']}, {meta['machine']}, commit {meta['commit']}, load {meta['load_before']} -> {meta['load_after']}")
    print(table)
    print(f"\nlogs and sipp statistics: {work}")
    if args.docs:
        write_docs(args.docs, table, meta)
    if args.smoke and not all(r["pass"] for rs in results.values() for r in rs):
        sys.exit(1)


if __name__ == "__main__":
    main()
