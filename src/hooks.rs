//! Fault-injection points for the tests of batch safety: a test runs the
//! binary with `ROTAPLAN_TEST_HOOK` set to make it die, stall or fail at a
//! named point, and then checks what a reader of the output folder sees.
//! Without the variable every point is a no-op (one environment lookup).
//!
//! `ROTAPLAN_TEST_HOOK` is a comma-separated list of `ACTION@POINT`:
//! - `abort@POINT`: the process dies on the spot (SIGABRT: no destructor,
//!   no cleanup, as with SIGKILL);
//! - `hold@POINT`: prints `rotaplan: test hook: holding at POINT` on stderr
//!   and waits until a line arrives on stdin (or stdin closes), so that a
//!   test can act while the run is exactly there (start a second run, kill
//!   this one) without guessing how long anything takes;
//! - `fail@POINT`: the point returns the error a full disk gives
//!   (`ENOSPC`), to test the handling of write errors.

use std::io::{self, BufRead};

/// The environment variable that arms the hooks.
pub const VARIABLE: &str = "ROTAPLAN_TEST_HOOK";

/// What the hooks say on stderr before holding.
pub const HOLDING: &str = "rotaplan: test hook: holding at";

/// Runs the hook armed at `name`, if any.
pub(crate) fn point(name: &str) -> io::Result<()> {
    let Ok(spec) = std::env::var(VARIABLE) else {
        return Ok(());
    };
    for armed in spec.split(',') {
        let Some((action, at)) = armed.trim().split_once('@') else {
            continue;
        };
        if at != name {
            continue;
        }
        match action {
            "abort" => std::process::abort(),
            "hold" => {
                eprintln!("{HOLDING} {name}");
                let _ = io::stdin().lock().read_line(&mut String::new());
            }
            "fail" => return Err(no_space(name)),
            _ => {}
        }
    }
    Ok(())
}

/// The error of a full disk, marked as injected.
fn no_space(name: &str) -> io::Error {
    #[cfg(unix)]
    let base = io::Error::from_raw_os_error(28); // ENOSPC
    #[cfg(not(unix))]
    let base = io::Error::other("no space left on device");
    io::Error::new(base.kind(), format!("{base} (injected at {name})"))
}
