//! The rules of SPEC §2 by one name each. The model's row families, the
//! checker's violations, infeasibility reports, lock conflicts and `explain`
//! all name a rule through [`Rule`], so a rule reads the same in an MPS row
//! name, a `check` line and an explanation.
//!
//! Besides the numbered hard rules there are the structural "one exchange
//! per teacher" (SPEC §1), the targets a policy can make hard, and the
//! checker's "the row is not an exchange at all".

use std::fmt;

use serde::Serialize;

use crate::lang::{tr, Language};

/// A rule of the contract. Ordered as `check` lists violations: invalid
/// rows, then the spec's numbers, then the structural rule and the targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A roster row that names no valid exchange (unknown teacher, school,
    /// kind or term, a home that is not the teacher's): `check` only.
    InvalidRow,
    /// 1. Subject.
    Subject,
    /// 2. Direction and eligibility per kind.
    Eligibility,
    /// 3. Exemptions.
    Exemptions,
    /// 4. Same county.
    SameCounty,
    /// 5. Distance and dormitory beds.
    Distance,
    /// 6. Departures.
    Departures,
    /// 7. Host capacity.
    HostCapacity,
    /// 8. Couples.
    Couples,
    /// 9. Locks and forbidden pairs.
    Locks,
    /// 10. Mentors (shadow).
    Mentors,
    /// 11. Sending schools keep every subject.
    KeepSubject,
    /// 12. Secondment places.
    SecondmentPlaces,
    /// "A teacher takes at most one exchange in the horizon" (SPEC §1).
    OneExchange,
    /// A policy target made hard (`quota.hard = true`).
    HardTarget,
    /// Seniority made hard (`seniority = "strict"`).
    StrictSeniority,
}

impl Rule {
    /// The twelve numbered hard rules, in the spec's order.
    pub(crate) const NUMBERED: [Rule; 12] = [
        Rule::Subject,
        Rule::Eligibility,
        Rule::Exemptions,
        Rule::SameCounty,
        Rule::Distance,
        Rule::Departures,
        Rule::HostCapacity,
        Rule::Couples,
        Rule::Locks,
        Rule::Mentors,
        Rule::KeepSubject,
        Rule::SecondmentPlaces,
    ];

    /// The rule's number in SPEC §2, if it has one.
    pub(crate) fn number(self) -> Option<u8> {
        Rule::NUMBERED
            .iter()
            .position(|&r| r == self)
            .map(|i| i as u8 + 1)
    }

    /// The numbered rule `n` (1–12).
    pub(crate) fn numbered(n: u8) -> Option<Rule> {
        Rule::NUMBERED.get((n as usize).checked_sub(1)?).copied()
    }

    /// Short English name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rule::InvalidRow => "invalid row",
            Rule::Subject => "subject",
            Rule::Eligibility => "direction and eligibility",
            Rule::Exemptions => "exemptions",
            Rule::SameCounty => "same county",
            Rule::Distance => "distance and beds",
            Rule::Departures => "departures",
            Rule::HostCapacity => "host capacity",
            Rule::Couples => "couples",
            Rule::Locks => "locks",
            Rule::Mentors => "mentors",
            Rule::KeepSubject => "sending schools keep every subject",
            Rule::SecondmentPlaces => "secondment places",
            Rule::OneExchange => "one exchange per teacher",
            Rule::HardTarget => "hard target (quota.hard)",
            Rule::StrictSeniority => "strict seniority",
        }
    }

    /// Chinese name, as a personnel section says it.
    pub(crate) fn name_zh(self) -> &'static str {
        match self {
            Rule::InvalidRow => "无效行",
            Rule::Subject => "任教学科",
            Rule::Eligibility => "交流方向与资格",
            Rule::Exemptions => "暂缓交流",
            Rule::SameCounty => "县域内交流",
            Rule::Distance => "距离与周转宿舍",
            Rule::Departures => "外派比例",
            Rule::HostCapacity => "接收学校编制",
            Rule::Couples => "夫妻两地",
            Rule::Locks => "锁定与禁止",
            Rule::Mentors => "带教导师",
            Rule::KeepSubject => "派出学校保留学科",
            Rule::SecondmentPlaces => "挂职名额",
            Rule::OneExchange => "每人限一次交流",
            Rule::HardTarget => "硬性交流比例",
            Rule::StrictSeniority => "严格按资历",
        }
    }

    /// The name in `language`.
    pub(crate) fn name_in(self, language: Language) -> &'static str {
        match language {
            Language::En => self.name(),
            Language::Zh => self.name_zh(),
        }
    }
}

impl fmt::Display for Rule {
    /// `rule 5 (distance and beds)`, `规则 5（距离与周转宿舍）` in the run's
    /// language; unnumbered rules by name alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name_in(Language::current());
        match self.number() {
            Some(n) => f.write_str(&tr!(RuleNumbered, n = n, name = name)),
            None => f.write_str(name),
        }
    }
}

/// Why one exchange is refused: the rule and the facts that break it.
/// Displays as `rule 5 (distance and beds): 90.0 km > 80 km`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Refusal {
    pub(crate) rule: Rule,
    pub(crate) why: String,
}

impl Refusal {
    pub(crate) fn new(rule: Rule, why: impl Into<String>) -> Refusal {
        Refusal {
            rule,
            why: why.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_follow_the_spec() {
        for n in 1..=12u8 {
            let rule = Rule::numbered(n).expect("numbered");
            assert_eq!(rule.number(), Some(n));
            assert!(rule.to_string().starts_with(&format!("rule {n} (")));
        }
        assert_eq!(Rule::numbered(0), None);
        assert_eq!(Rule::numbered(13), None);
        assert_eq!(Rule::Distance.to_string(), "rule 5 (distance and beds)");
        assert_eq!(Rule::OneExchange.to_string(), "one exchange per teacher");
        assert_eq!(
            serde_json::to_value(Rule::HostCapacity).unwrap(),
            "host_capacity"
        );
        assert_eq!(
            Refusal::new(Rule::Departures, "x").to_string(),
            "rule 6 (departures): x"
        );
    }
}
