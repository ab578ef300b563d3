//! Progress on long runs (issue 12 item 7): shown on stderr only when
//! stderr is a terminal, never in a pipe or a log file.

mod cli_support;

use std::process::Command;

use cli_support::{assert_exit, rotaplan, solve, stderr, Sample};

/// The phases `solve` reports, in English.
const PHASES: [&str; 3] = [
    "building the model",
    "solving the LP relaxation",
    "searching the",
];

#[test]
fn nothing_is_shown_when_stderr_is_not_a_terminal() {
    let sample = Sample::new();
    let output = solve(&sample.data(), &[]);
    assert_exit(&output, 0);
    let err = stderr(&output);
    // The data's warnings (if any), and nothing else: no phase, no
    // spinner, no carriage return or escape sequence redrawing a line.
    for line in err.lines() {
        assert!(line.starts_with("warning: "), "not a warning: {line:?}");
    }
    assert!(!err.contains(['\r', '\u{1b}']), "{err:?}");
    for phase in PHASES {
        assert!(!err.contains(phase), "{err}");
    }
}

/// `script` (util-linux) runs the command on a pseudo-terminal, as a
/// person's shell would.
#[test]
fn the_phase_is_shown_on_a_terminal() {
    let Ok(found) = Command::new("script").arg("--version").output() else {
        panic!("this test needs `script` (Debian: bsdutils, Fedora: util-linux) to run rotaplan on a terminal");
    };
    assert!(found.status.success(), "`script --version` failed");
    let sample = Sample::new();
    let bin = rotaplan().get_program().to_owned();
    let line = format!(
        "{} --lang en solve {} --as-of {} --threads 1",
        bin.to_str().unwrap(),
        sample.data().display(),
        cli_support::AS_OF
    );
    let output = Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env("TERM", "xterm")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert_exit(&output, 0);
    // The terminal got stdout and stderr together: the table, and the
    // spinner's lines, redrawn and cleared.
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(screen.contains("status"), "{screen}");
    assert!(screen.contains(PHASES[0]), "no phase shown: {screen:?}");
}
