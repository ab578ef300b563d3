//! `summary.json` (SPEC §4): the run's status and key figures, for the
//! nightly batch and other programs. Unlike the CSV files it is not
//! byte-identical across runs (`solve_seconds`, `model.build_seconds`), but
//! its keys are stable and in a fixed order (struct order; maps are
//! `BTreeMap`s) so that runs diff cleanly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cli::exit;

/// How the run ended. Serialised in lower case; `time_limit` is the
/// "time limit reached without any feasible roster" case (exit code 3),
/// kept apart from `error` because the remedy (more time) differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Optimal,
    Feasible,
    Infeasible,
    TimeLimit,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::TimeLimit => "time_limit",
            Status::Error => "error",
        }
    }

    /// The process exit code SPEC §5 gives this outcome.
    pub(crate) fn exit_code(self) -> i32 {
        match self {
            Status::Optimal | Status::Feasible => exit::OK,
            Status::Infeasible => exit::INFEASIBLE,
            Status::TimeLimit => exit::TIME_LIMIT,
            Status::Error => exit::INTERNAL,
        }
    }

    /// How bad the outcome is, for taking the worst of several counties or
    /// scenarios: an error outranks an infeasible model, which outranks one
    /// out of time.
    pub(crate) fn severity(self) -> u8 {
        match self {
            Status::Optimal => 0,
            Status::Feasible => 1,
            Status::TimeLimit => 2,
            Status::Infeasible => 3,
            Status::Error => 4,
        }
    }

    /// Whether a roster was found (and so written).
    pub fn has_roster(self) -> bool {
        matches!(self, Status::Optimal | Status::Feasible)
    }
}

/// Exchanges in the roster, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeCounts {
    pub(crate) rotation: u32,
    pub(crate) support: u32,
    pub(crate) shadow: u32,
    pub secondment: u32,
    pub(crate) total: u32,
}

impl ExchangeCounts {
    /// Counts from the kinds of a roster's exchanges (`total` included).
    pub(crate) fn of(kinds: impl IntoIterator<Item = crate::domain::Kind>) -> ExchangeCounts {
        use crate::domain::Kind;
        let mut counts = ExchangeCounts::default();
        for kind in kinds {
            match kind {
                Kind::Rotation => counts.rotation += 1,
                Kind::Support => counts.support += 1,
                Kind::Shadow => counts.shadow += 1,
                Kind::Secondment => counts.secondment += 1,
            }
            counts.total += 1;
        }
        counts
    }
}

/// The quota figures of one county (SPEC §2 policy targets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct QuotaFigures {
    /// Teachers eligible for rotation in the county.
    pub(crate) eligible: u32,
    /// `ceil(min_fraction x eligible)`.
    pub(crate) required: u32,
    /// `rotation` and `support` exchanges of eligible teachers.
    pub(crate) achieved: u32,
    /// Backbone exchanges the backbone share asks for (rounded up).
    pub(crate) backbone_required: u32,
    pub(crate) backbone_achieved: u32,
}

impl QuotaFigures {
    /// Exchanges short of the quota (0 when met).
    pub(crate) fn shortfall(&self) -> u32 {
        self.required.saturating_sub(self.achieved)
    }

    /// Backbone exchanges short of the backbone share (0 when met).
    pub(crate) fn backbone_shortfall(&self) -> u32 {
        self.backbone_required
            .saturating_sub(self.backbone_achieved)
    }
}

/// A group target of one group (SPEC §2): the alliance exchange
/// (`alliance`) or the cadre exchange (`secondment`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllianceFigures {
    /// `alliance.min_each_way` or `secondment.min_each_way`: asked for each
    /// way.
    pub required: u32,
    /// Alliance: backbone teachers of the lead school going to member
    /// schools on `rotation` or `support`. Cadre: cadres of the lead
    /// seconded to member schools.
    pub lead_to_members: u32,
    /// Alliance: teachers of member schools going to the lead school, on a
    /// teacher's exchange of any kind. Cadre: cadres of member schools
    /// seconded to the lead.
    pub members_to_lead: u32,
}

impl AllianceFigures {
    /// Teachers missing, both ways together (0 when met).
    pub(crate) fn shortfall(&self) -> u32 {
        self.required.saturating_sub(self.lead_to_members)
            + self.required.saturating_sub(self.members_to_lead)
    }
}

/// What a re-optimization changed against the previous roster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Changes {
    /// Teachers with an exchange now and none before.
    pub(crate) added: u32,
    /// Teachers with an exchange before and none now.
    pub(crate) removed: u32,
    /// Teachers whose exchange differs (host, kind, subject or terms).
    pub(crate) moved: u32,
    /// Teachers whose exchange is the same.
    pub(crate) unchanged: u32,
    /// One entry per added, removed or moved teacher, by teacher id.
    pub(crate) list: Vec<Change>,
}

/// One teacher's change against the previous roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Change {
    pub(crate) teacher_id: String,
    pub(crate) change: ChangeKind,
    /// The previous exchange, e.g. `rotation S03->S11 2027-autumn..2028-spring`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) before: Option<String>,
    /// The new exchange, same form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) after: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChangeKind {
    Added,
    Removed,
    Moved,
}

/// Tiers 3–5 in figures: seniority inversions, volunteers, promotion needs
/// and preferences (SPEC §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fairness {
    /// Eligible teachers who stay while a colleague of the same home school
    /// and primary subject with fewer years at the school goes.
    pub seniority_inversions: u32,
    pub(crate) volunteers: u32,
    pub(crate) volunteers_sent: u32,
    /// First-grade teachers without a year of rural service who may go.
    pub(crate) promotion_needs: u32,
    /// Of those, on a year-long exchange to a rural or weak school.
    pub(crate) promotion_served: u32,
    /// Teachers who stated preferences, and those sent to one of them.
    pub(crate) preferences_stated: u32,
    pub(crate) preferences_met: u32,
}

/// Size and build time of the MIP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ModelStats {
    pub(crate) variables: u64,
    pub(crate) constraints: u64,
    pub(crate) build_seconds: f64,
}

/// Everything `summary.json` holds. Keys always present unless noted, so a
/// consumer never has to guess whether a missing key means zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub status: Status,
    /// Objective value of the roster; `null` without one.
    pub(crate) objective: Option<f64>,
    /// Relative MIP gap at the end; `null` without a roster.
    pub(crate) mip_gap: Option<f64>,
    /// Whether a rerun with the same inputs, policy and thread count writes
    /// the same roster: false when a solver search stopped on the time
    /// limit, since where it stopped depends on the machine's speed and load.
    pub reproducible: bool,
    pub(crate) solve_seconds: f64,
    pub(crate) teachers: u32,
    pub(crate) schools: u32,
    pub(crate) counties: u32,
    /// Teachers eligible for rotation.
    pub(crate) eligible: u32,
    /// Term ids of the horizon, in order.
    pub(crate) horizon: Vec<String>,
    pub exchanges: ExchangeCounts,
    /// Exchanges in force (`in_force.csv` rows running into the horizon):
    /// counted in staff, departures, beds, mentors and couples, not chosen.
    pub(crate) in_force: u32,
    /// Exchanges that take a post another exchange frees (reason `refill:`).
    pub refills: u64,
    /// Posts x terms short, unweighted, summed over all schools.
    pub shortage_before: u64,
    pub shortage_after: u64,
    /// Posts x terms short after the plan at schools, subjects and terms
    /// not short before: what sending schools pay.
    pub shortage_created: u64,
    /// The same for rural and weak schools only.
    pub(crate) rural_shortage_before: u64,
    pub(crate) rural_shortage_after: u64,
    /// Dormitory bed-terms used by exchange teachers.
    pub(crate) beds_used: u64,
    /// By county.
    pub(crate) quota: BTreeMap<String, QuotaFigures>,
    /// With `quota.per_school = true`: the figures of every school, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) quota_by_school: Option<BTreeMap<String, QuotaFigures>>,
    /// With `alliance.min_each_way > 0`: the target per group, by group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) alliance: Option<BTreeMap<String, AllianceFigures>>,
    /// With `secondment.min_each_way > 0`: the cadre exchange target per
    /// group, by group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondment: Option<BTreeMap<String, AllianceFigures>>,
    /// How the roster treats people (tiers 3–5), counted from the roster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fairness: Option<Fairness>,
    /// Only in a re-optimization (`solve --previous`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) changed_vs_previous: Option<Changes>,
    /// The rules that conflict, when `infeasible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) infeasibility: Option<Vec<String>>,
    /// Absent when no model was built (e.g. an internal error before it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) model: Option<ModelStats>,
    pub(crate) warnings: Vec<String>,
}

impl Summary {
    /// Post-terms filled where posts were short before: the fall in
    /// shortage at the schools, subjects and terms short before the plan
    /// (the shortage after there is `shortage_after - shortage_created`).
    pub(crate) fn shortage_filled(&self) -> u64 {
        let after_where_short = self.shortage_after - self.shortage_created;
        self.shortage_before.saturating_sub(after_where_short)
    }

    /// An empty summary with the given status, for callers to fill in.
    pub(crate) fn new(status: Status) -> Summary {
        Summary {
            status,
            objective: None,
            mip_gap: None,
            reproducible: true,
            solve_seconds: 0.0,
            teachers: 0,
            schools: 0,
            counties: 0,
            eligible: 0,
            horizon: Vec::new(),
            exchanges: ExchangeCounts::default(),
            in_force: 0,
            refills: 0,
            shortage_before: 0,
            shortage_after: 0,
            shortage_created: 0,
            rural_shortage_before: 0,
            rural_shortage_after: 0,
            beds_used: 0,
            quota: BTreeMap::new(),
            changed_vs_previous: None,
            quota_by_school: None,
            alliance: None,
            secondment: None,
            fairness: None,
            infeasibility: None,
            model: None,
            warnings: Vec::new(),
        }
    }
}

/// Pretty JSON with a trailing newline. Non-finite numbers become `null`.
///
/// Serialising these types cannot fail (string map keys, no custom
/// `Serialize`), but rather than panic if that ever changes, a failure yields
/// a minimal `error` summary that still says what happened.
pub(crate) fn render_summary(summary: &Summary) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(summary).unwrap_or_else(|err| {
        let fallback = serde_json::json!({
            "status": Status::Error.as_str(),
            "warnings": [format!("could not render the summary: {err}")],
        });
        format!("{fallback:#}").into_bytes()
    });
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;
    use serde_json::Value;

    fn sample() -> Summary {
        let mut s = Summary::new(Status::Optimal);
        s.objective = Some(1234.5);
        s.mip_gap = Some(0.0);
        s.solve_seconds = 2.5;
        s.teachers = 120;
        s.schools = 8;
        s.counties = 1;
        s.eligible = 40;
        s.horizon = vec!["2027-autumn".into(), "2028-spring".into()];
        s.exchanges = ExchangeCounts::of([Kind::Rotation, Kind::Support, Kind::Support]);
        s.shortage_before = 30;
        s.shortage_after = 12;
        s.quota.insert(
            "城关县".into(),
            QuotaFigures {
                eligible: 40,
                required: 4,
                achieved: 3,
                backbone_required: 1,
                backbone_achieved: 1,
            },
        );
        s.warnings.push("unknown column x in teachers.csv".into());
        s
    }

    fn parse(summary: &Summary) -> Value {
        serde_json::from_slice(&render_summary(summary)).unwrap()
    }

    #[test]
    fn has_every_key_the_spec_names() {
        let v = parse(&sample());
        for key in [
            "status",
            "objective",
            "mip_gap",
            "solve_seconds",
            "teachers",
            "schools",
            "eligible",
            "exchanges",
            "refills",
            "shortage_before",
            "shortage_after",
            "shortage_created",
            "quota",
            "warnings",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["status"], "optimal");
        assert_eq!(v["exchanges"]["support"], 2);
        assert_eq!(v["exchanges"]["total"], 3);
        let quota = &v["quota"]["城关县"];
        for key in [
            "required",
            "achieved",
            "backbone_required",
            "backbone_achieved",
        ] {
            assert!(quota.get(key).is_some(), "missing quota.{key}");
        }
        assert_eq!(quota["achieved"], 3);
    }

    #[test]
    fn optional_parts_are_omitted_or_null() {
        let mut s = Summary::new(Status::TimeLimit);
        s.solve_seconds = f64::NAN;
        let v = parse(&s);
        assert_eq!(v["status"], "time_limit");
        assert!(v["objective"].is_null() && v.get("objective").is_some());
        assert!(v["solve_seconds"].is_null());
        assert!(v.get("changed_vs_previous").is_none());
        assert!(v.get("infeasibility").is_none());
        assert!(v.get("model").is_none());
    }

    #[test]
    fn changes_and_infeasibility_are_written_when_present() {
        let mut s = sample();
        s.status = Status::Infeasible;
        s.infeasibility = Some(vec!["quota (hard) vs distance.max_km".into()]);
        s.changed_vs_previous = Some(Changes {
            added: 1,
            removed: 0,
            moved: 0,
            unchanged: 5,
            list: vec![Change {
                teacher_id: "T7".into(),
                change: ChangeKind::Added,
                before: None,
                after: Some("support S01->S05".into()),
            }],
        });
        let v = parse(&s);
        assert_eq!(v["status"], "infeasible");
        assert_eq!(v["infeasibility"][0], "quota (hard) vs distance.max_km");
        let changes = &v["changed_vs_previous"];
        assert_eq!(changes["added"], 1);
        assert_eq!(changes["list"][0]["change"], "added");
        assert!(changes["list"][0].get("before").is_none());
    }

    #[test]
    fn status_serialisation_matches_as_str_and_exit_codes() {
        for status in [
            Status::Optimal,
            Status::Feasible,
            Status::Infeasible,
            Status::TimeLimit,
            Status::Error,
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(Status::Infeasible.exit_code(), 2);
        assert_eq!(Status::TimeLimit.exit_code(), 3);
        assert_eq!(Status::Error.exit_code(), 4);
    }

    #[test]
    fn pretty_with_trailing_newline_and_stable_key_order() {
        let bytes = render_summary(&sample());
        assert!(bytes.ends_with(b"}\n"));
        assert!(bytes.starts_with(b"{\n  \"status\": \"optimal\",\n  \"objective\": 1234.5,"));
        assert_eq!(bytes, render_summary(&sample()));
    }
}
