# argparse as scripts use it: defaults when run without arguments, and lists parsed as a
# command line would be, with CPython's errors and help.
import argparse

parser = argparse.ArgumentParser(prog="tool", description="Run workers over items.")
parser.add_argument("count", type=int, nargs="?", default=3, help="how many items")
parser.add_argument("-w", "--workers", type=int, default=2, help="worker threads")
parser.add_argument("--delay", type=float, default="0.5", help="seconds (default: %(default)s)")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--mode", choices=["fast", "safe"], default="safe")
parser.add_argument("--tag", action="append")
parser.add_argument("--dry-run", action="store_true")
print(parser.parse_args([]))
args = parser.parse_args(["7", "-w", "4", "-vv", "--tag", "a", "--tag=b", "--dry-run", "--del", "1.25"])
print(args.count, args.workers, args.delay, args.verbose, args.tag, args.dry_run, args.mode)
print(vars(args))
print(parser.parse_known_args(["5", "--mode", "fast", "--later"]))
for bad in (["x"], ["--mode", "slow"], ["-w"], ["--bogus"], ["--delay", "soon"]):
    try:
        parser.parse_args(bad)
    except SystemExit as exit:
        print("exit status", exit.code)
parser.print_help()
try:
    parser.parse_args(["-h"])
except SystemExit as exit:
    print("help exits with", exit.code)

required = argparse.ArgumentParser(prog="copy")
required.add_argument("source")
required.add_argument("targets", nargs="+")
required.add_argument("--mode", required=True)
print(required.parse_args(["a", "b", "c", "--mode", "x"]))
try:
    required.parse_args([])
except SystemExit as exit:
    print("exit status", exit.code)
required.print_usage()

shown = argparse.ArgumentParser(prog="serve", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
shown.add_argument("--port", type=int, default=8000, help="where to listen")
shown.add_argument("--quiet", action="store_true", help="print less")
shown.set_defaults(handler="default")
shown.print_help()
print(shown.parse_args([]), shown.get_default("port"))
print(argparse.Namespace(a=1, b="x") == argparse.Namespace(a=1, b="x"))

short = argparse.ArgumentParser(prog="short")
short.add_argument("-v", "--verbose", action="count", default=0)
short.add_argument("-q", action="store_true")
short.add_argument("-n", type=int)
for argv in (["--verbose=x"], ["-vx"], ["-vvq"], ["-n5"], ["-vn5"], ["-qv"], ["-n", "-5"]):
    try:
        print(argv, short.parse_args(argv))
    except SystemExit as exit:
        print("exit status", exit.code)
