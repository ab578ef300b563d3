//! The exchange kinds and one exchange of a roster.
//!
//! The rules ask a kind a few questions (does it take a post, does it count
//! toward the quota, does it need a mentor, does it take a secondment place);
//! each is an exhaustive `match` below, so a new kind is a compile error
//! until every rule has been told how to treat it.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{add_years, Horizon};
use super::policy::Policy;
use super::{SchoolIx, Subject, TeacherIx};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 交流轮岗: the post moves to the host for `rotation.years`.
    Rotation,
    /// 支教: a town or urban teacher teaches at a rural or weak school for a
    /// term or a year and keeps the home post.
    Support,
    /// 跟岗学习: a young rural teacher shadows a backbone mentor for a term.
    Shadow,
    /// 挂职: a cadre (principal, vice principal, middle manager) helps run a
    /// rural or weak school (挂职锻炼) or learns at an urban or lead school
    /// (挂职学习) for `secondment.terms`; takes no post at the host.
    Secondment,
}

/// Which exchange target of a group a kind counts toward: the alliance
/// exchange of teachers (置换交流) or the cadre exchange (互派干部).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Track {
    Teachers,
    Cadres,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Rotation,
        Kind::Support,
        Kind::Shadow,
        Kind::Secondment,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Rotation => "rotation",
            Kind::Support => "support",
            Kind::Shadow => "shadow",
            Kind::Secondment => "secondment",
        }
    }

    /// Whether the exchange takes a post at the host (rules 7 and 11, the
    /// host's staff): a shadowing teacher is a learner and takes none, unless
    /// `shadow.fills_post` (顶岗学习); a seconded cadre takes none.
    pub(crate) fn fills_post(self, policy: &Policy) -> bool {
        match self {
            Kind::Rotation | Kind::Support => true,
            Kind::Shadow => policy.shadow.fills_post,
            Kind::Secondment => false,
        }
    }

    /// Whether the exchange counts toward the quota and the backbone share,
    /// and ranks in seniority (SPEC §2: "`rotation` or `support`").
    pub(crate) fn counts_toward_quota(self) -> bool {
        match self {
            Kind::Rotation | Kind::Support => true,
            Kind::Shadow | Kind::Secondment => false,
        }
    }

    /// Whether the exchange is a learner who needs a backbone mentor of the
    /// subject at the host (rule 10).
    pub(crate) fn needs_mentor(self) -> bool {
        match self {
            Kind::Shadow => true,
            Kind::Rotation | Kind::Support | Kind::Secondment => false,
        }
    }

    /// Whether the exchange takes one of the host's secondment places
    /// (rule 12).
    pub(crate) fn takes_secondment_place(self) -> bool {
        match self {
            Kind::Secondment => true,
            Kind::Rotation | Kind::Support | Kind::Shadow => false,
        }
    }

    /// Whether only cadres may take it (rule 2).
    pub(crate) fn is_for_cadres(self) -> bool {
        self.track() == Track::Cadres
    }

    /// The group target the exchange counts toward.
    pub(crate) fn track(self) -> Track {
        match self {
            Kind::Rotation | Kind::Support | Kind::Shadow => Track::Teachers,
            Kind::Secondment => Track::Cadres,
        }
    }

    /// The (first, last) horizon term indexes an exchange of this kind may
    /// cover: a rotation the whole horizon, a support posting `support.terms`
    /// consecutive terms, a shadowing one term, a secondment
    /// `secondment.terms` consecutive terms.
    pub(crate) fn spans(self, policy: &Policy, horizon: &Horizon) -> Vec<(usize, usize)> {
        let n = horizon.len();
        let length = match self {
            Kind::Rotation => return if n > 0 { vec![(0, n - 1)] } else { vec![] },
            Kind::Support => policy.support.terms as usize,
            Kind::Shadow => 1,
            Kind::Secondment => policy.secondment.terms as usize,
        };
        if length == 0 || length > n {
            return vec![];
        }
        (0..=n - length).map(|a| (a, a + length - 1)).collect()
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        match s.trim().to_lowercase().as_str() {
            "rotation" | "交流轮岗" | "轮岗" | "交流" => Ok(Kind::Rotation),
            "support" | "支教" => Ok(Kind::Support),
            // 顶岗学习 is the shadowing that takes a post (`shadow.fills_post`).
            "shadow" | "跟岗学习" | "跟岗" | "顶岗学习" | "顶岗" => Ok(Kind::Shadow),
            // Both directions are one kind: 挂职锻炼 out to a rural or weak
            // school, 挂职学习 in to an urban or lead school.
            "secondment" | "挂职" | "挂职锻炼" | "挂职学习" => Ok(Kind::Secondment),
            other => Err(crate::lang::tr!(KindUnknown, kind = format!("{other:?}"))),
        }
    }
}

/// One exchange: a teacher teaching (or, for `shadow`, learning) `subject` at
/// `host` from horizon term `start_term` to `end_term`, both included.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exchange {
    pub teacher: TeacherIx,
    pub kind: Kind,
    pub subject: Subject,
    pub host: SchoolIx,
    pub start_term: usize,
    pub end_term: usize,
}

impl Exchange {
    /// The exchange of teacher `teacher` of this kind, subject and host over
    /// the span `(start_term, end_term)` (one of [`Kind::spans`]): how
    /// candidate generation, `explain` and lock explanations make the
    /// exchanges they test.
    pub(crate) fn over_span(
        teacher: TeacherIx,
        kind: Kind,
        subject: &Subject,
        host: SchoolIx,
        (start_term, end_term): (usize, usize),
    ) -> Exchange {
        Exchange {
            teacher,
            kind,
            subject: *subject,
            host,
            start_term,
            end_term,
        }
    }

    pub fn covers(&self, term: usize) -> bool {
        (self.start_term..=self.end_term).contains(&term)
    }

    /// Whole-year postings are the ones that earn rural-service credit for
    /// promotion (one year = two terms).
    pub(crate) fn is_year_long(&self) -> bool {
        self.end_term + 1 - self.start_term >= 2
    }

    pub(crate) fn start_date(&self, horizon: &Horizon) -> NaiveDate {
        horizon.terms[self.start_term].start
    }

    /// The exchange's last day: for a rotation, `rotation.years` after its
    /// start (which may lie beyond the horizon), otherwise the last day of its
    /// last term.
    pub(crate) fn end_date(&self, horizon: &Horizon, policy: &Policy) -> NaiveDate {
        match self.kind {
            Kind::Rotation => {
                let anniversary = add_years(self.start_date(horizon), policy.rotation.years);
                anniversary - Days::new(1)
            }
            _ => horizon.terms[self.end_term].end,
        }
    }
}
