//! The `nook` binary: parse the command line, run it, map errors to exit codes.

fn main() {
    std::process::exit(nook::cli::main());
}
