//! Progress on stderr while `solve` runs, only when stderr is a terminal
//! (a person is watching; a log file or a pipe gets nothing): a spinner
//! with the phase of the solve, which becomes a bar of units solved when
//! the run has several units (counties). Cleared when the run ends, so the
//! summary table prints as without it.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::lang::{tr, Language};
use crate::solve::{Observer, Phase, Progress};

/// Draws the spinner or bar.
struct Terminal {
    bar: ProgressBar,
}

impl Observer for Terminal {
    fn units(&self, units: usize) {
        if units > 1 {
            self.bar.set_length(units as u64);
            let template = format!(
                "{{spinner}} [{{bar:30}}] {{pos}}/{{len}} {} {{msg}}",
                tr!(ProgressUnits)
            );
            if let Ok(style) = ProgressStyle::with_template(&template) {
                self.bar.set_style(style.progress_chars("=> "));
            }
        }
    }

    fn phase(&self, unit: &str, phase: Phase) {
        let phase = phase.msg().text(Language::current());
        self.bar.set_message(format!("{unit}: {phase}"));
    }

    fn unit_done(&self) {
        self.bar.inc(1);
    }
}

/// What `solve` shows while it runs; [`Shown::finish`] clears it.
pub(super) struct Shown {
    bar: Option<ProgressBar>,
}

impl Shown {
    /// A spinner on stderr when `wanted` (not `--quiet`) and stderr is a
    /// terminal; otherwise nothing at all.
    pub(super) fn start(wanted: bool) -> Shown {
        if !wanted || !std::io::stderr().is_terminal() {
            return Shown { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Shown { bar: Some(bar) }
    }

    /// The run's observer (nobody when nothing is shown).
    pub(super) fn progress(&self) -> Progress {
        match &self.bar {
            Some(bar) => Progress::to(Arc::new(Terminal { bar: bar.clone() })),
            None => Progress::default(),
        }
    }

    /// Takes the spinner or bar off the screen.
    pub(super) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
