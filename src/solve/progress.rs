//! Progress of a run, for people watching it: which phase a solve is in,
//! how many units of a batch are solved. The solver only reports; what is
//! shown, and whether anything is (a terminal on stderr), is the command
//! line's business (`cli::progress`). A run without an observer reports to
//! nobody, so library callers and tests see nothing.

use std::fmt;
use std::sync::Arc;

use crate::lang::Msg;

/// A phase of solving one unit, in the order a run goes through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Generating candidates and rows.
    Building,
    /// An LP relaxation (restricted or full, while pricing candidates in).
    Lp,
    /// The MIP search around the LP's roster.
    Neighbourhood,
    /// The MIP search of the whole model.
    FullMip,
    /// Naming the rules of an infeasible unit.
    Explaining,
}

impl Phase {
    /// The phase's name in the catalog.
    pub(crate) fn msg(self) -> Msg {
        match self {
            Phase::Building => Msg::PhaseBuilding,
            Phase::Lp => Msg::PhaseLp,
            Phase::Neighbourhood => Msg::PhaseNeighbourhood,
            Phase::FullMip => Msg::PhaseFullMip,
            Phase::Explaining => Msg::PhaseExplaining,
        }
    }
}

/// Who is told. Called from the solver's threads, several units at once.
pub(crate) trait Observer: Send + Sync {
    /// The run solves `units` units.
    fn units(&self, units: usize);
    /// Unit `unit` (its counties) entered `phase`.
    fn phase(&self, unit: &str, phase: Phase);
    /// One more unit is solved.
    fn unit_done(&self);
}

/// The observer of a run, if any, and the unit being solved. Cloned into
/// every unit's settings; comparing or printing settings ignores it (it
/// changes nothing about the result).
#[derive(Clone, Default)]
pub struct Progress {
    observer: Option<Arc<dyn Observer>>,
    unit: Arc<str>,
}

impl Progress {
    pub(crate) fn to(observer: Arc<dyn Observer>) -> Progress {
        Progress {
            observer: Some(observer),
            unit: Arc::from(""),
        }
    }

    /// The same observer, told about the unit of `counties`.
    pub(crate) fn in_unit(&self, counties: &[String]) -> Progress {
        Progress {
            observer: self.observer.clone(),
            unit: Arc::from(counties.join("+")),
        }
    }

    pub fn units(&self, units: usize) {
        if let Some(observer) = &self.observer {
            observer.units(units);
        }
    }

    pub(crate) fn phase(&self, phase: Phase) {
        if let Some(observer) = &self.observer {
            observer.phase(&self.unit, phase);
        }
    }

    pub(crate) fn unit_done(&self) {
        if let Some(observer) = &self.observer {
            observer.unit_done();
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.observer.is_some() {
            "Progress(shown)"
        } else {
            "Progress(none)"
        })
    }
}

impl PartialEq for Progress {
    fn eq(&self, _: &Progress) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Log(Mutex<Vec<String>>);

    impl Observer for Log {
        fn units(&self, units: usize) {
            self.0.lock().unwrap().push(format!("units {units}"));
        }
        fn phase(&self, unit: &str, phase: Phase) {
            self.0.lock().unwrap().push(format!("{unit} {phase:?}"));
        }
        fn unit_done(&self) {
            self.0.lock().unwrap().push("done".into());
        }
    }

    #[test]
    fn reports_reach_the_observer_with_the_unit() {
        let log = Arc::new(Log::default());
        let progress = Progress::to(log.clone());
        progress.units(2);
        progress
            .in_unit(&["甲县".into(), "乙县".into()])
            .phase(Phase::Lp);
        progress.unit_done();
        Progress::default().phase(Phase::FullMip); // nobody to tell
        assert_eq!(*log.0.lock().unwrap(), ["units 2", "甲县+乙县 Lp", "done"]);
    }
}
