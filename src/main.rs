//! The `qmsite` command line; everything it does lives in the library's [`qmsite::cli`].

fn main() -> std::process::ExitCode {
    qmsite::cli::run()
}
