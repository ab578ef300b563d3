//! `policy.toml` (SPEC §3): every key, its default, and the checks on its
//! values. Unknown keys are rejected by serde (`deny_unknown_fields`), so a
//! misspelt key is an error naming it rather than a silently ignored rule.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Horizon, Term};
use super::Gender;
use crate::lang::{tr, Msg};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// `"soft"` penalises seniority inversions (tier 3); `"strict"` forbids them.
    pub seniority: SeniorityMode,
    pub horizon: HorizonPolicy,
    pub eligibility: EligibilityPolicy,
    pub rotation: RotationPolicy,
    pub support: SupportPolicy,
    pub shadow: ShadowPolicy,
    pub secondment: SecondmentPolicy,
    pub alliance: AlliancePolicy,
    pub distance: DistancePolicy,
    pub limits: LimitsPolicy,
    pub couples: CouplesPolicy,
    pub quota: QuotaPolicy,
    pub solver: SolverPolicy,
    pub output: OutputPolicy,
    pub weights: Weights,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeniorityMode {
    #[default]
    Soft,
    Strict,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HorizonPolicy {
    /// `None`: the next school year's autumn and spring terms.
    pub(crate) terms: Option<Vec<TermSpec>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermSpec {
    pub(crate) id: String,
    pub(crate) start: toml::value::Datetime,
    pub(crate) end: toml::value::Datetime,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EligibilityPolicy {
    pub(crate) min_years_at_school: u32,
    pub retirement_age: RetirementAge,
    pub(crate) retirement_exempt_years: u32,
    pub(crate) cooldown_years: u32,
}

impl Default for EligibilityPolicy {
    fn default() -> Self {
        EligibilityPolicy {
            min_years_at_school: 6,
            retirement_age: RetirementAge::default(),
            retirement_exempt_years: 5,
            cooldown_years: 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetirementAge {
    #[serde(rename = "M")]
    pub male: u32,
    #[serde(rename = "F")]
    pub female: u32,
}

impl Default for RetirementAge {
    fn default() -> Self {
        RetirementAge {
            male: 60,
            female: 55,
        }
    }
}

impl RetirementAge {
    pub(crate) fn for_gender(&self, gender: Gender) -> u32 {
        match gender {
            Gender::M => self.male,
            Gender::F => self.female,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RotationPolicy {
    pub(crate) years: u32,
}

impl Default for RotationPolicy {
    fn default() -> Self {
        RotationPolicy { years: 3 }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SupportPolicy {
    pub terms: u32,
    pub(crate) min_teaching_years: u32,
}

impl Default for SupportPolicy {
    fn default() -> Self {
        SupportPolicy {
            terms: 2,
            min_teaching_years: 3,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShadowPolicy {
    pub(crate) max_teaching_years: u32,
    /// 顶岗学习: the learner also takes a post of the subject at the host
    /// (counts in the host's staff and capacity, SPEC §1).
    pub fills_post: bool,
}

impl Default for ShadowPolicy {
    fn default() -> Self {
        ShadowPolicy {
            max_teaching_years: 5,
            fills_post: false,
        }
    }
}

/// Cadre secondment (挂职, SPEC §1–3): how long it lasts, the places a
/// school has for seconded cadres in a term (rule 12), and the cadre
/// exchange target per group and way (互派干部; 0 = no target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecondmentPolicy {
    pub terms: u32,
    pub max_per_host: u32,
    pub min_each_way: u32,
}

impl Default for SecondmentPolicy {
    fn default() -> Self {
        SecondmentPolicy {
            terms: 1,
            max_per_host: 1,
            min_each_way: 0,
        }
    }
}

/// The alliance exchange target (置换交流, SPEC §2): per group, backbone
/// teachers from the lead to member schools and teachers from members to the
/// lead, each way at least `min_each_way`; 0 = no target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AlliancePolicy {
    pub min_each_way: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DistancePolicy {
    pub max_km: f64,
    pub(crate) commute_km: f64,
    pub(crate) road_factor: f64,
}

impl Default for DistancePolicy {
    fn default() -> Self {
        DistancePolicy {
            max_km: 80.0,
            commute_km: 25.0,
            road_factor: 1.3,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsPolicy {
    pub max_away_fraction: f64,
    /// Rule 11: a school keeps a staff of at least one in every subject it
    /// has staff and demand in.
    pub keep_subject: bool,
}

impl Default for LimitsPolicy {
    fn default() -> Self {
        LimitsPolicy {
            max_away_fraction: 0.2,
            keep_subject: true,
        }
    }
}

impl LimitsPolicy {
    /// Rule 6: how many of a school's `own_teachers` may be away in one term:
    /// the fraction rounded down, but at least 1 for a school of 5 or more.
    pub(crate) fn max_away(&self, own_teachers: usize) -> usize {
        let by_fraction = (self.max_away_fraction * own_teachers as f64 + 1e-9).floor() as usize;
        if own_teachers >= 5 {
            by_fraction.max(1)
        } else {
            by_fraction
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CouplesPolicy {
    pub max_km: f64,
}

impl Default for CouplesPolicy {
    fn default() -> Self {
        CouplesPolicy { max_km: 30.0 }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuotaPolicy {
    pub min_fraction: f64,
    pub backbone_fraction: f64,
    pub per_school: bool,
    /// Also makes the alliance and cadre exchange targets hard.
    pub hard: bool,
}

impl Default for QuotaPolicy {
    fn default() -> Self {
        QuotaPolicy {
            min_fraction: 0.10,
            backbone_fraction: 0.20,
            per_school: false,
            hard: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SolverPolicy {
    pub(crate) time_limit_s: f64,
    pub(crate) mip_gap: f64,
    /// 0 = all cores.
    pub(crate) threads: u32,
}

impl Default for SolverPolicy {
    fn default() -> Self {
        SolverPolicy {
            time_limit_s: 300.0,
            mip_gap: 0.0,
            threads: 0,
        }
    }
}

/// `[output]`: how the files meant for people (`report.html`,
/// `roster.xlsx`) are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputPolicy {
    pub(crate) language: Language,
}

/// The language of the files meant for people; Chinese by default, as a
/// county bureau reads them. Also `--lang` of the command line; its texts
/// are in [`crate::lang`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Language {
    #[default]
    Zh,
    En,
}

/// One weight per objective tier (SPEC §2), most important first. The
/// defaults are spaced so that each tier outweighs everything below it on any
/// realistic county; see the README's "Objective weights" section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Tier 1: per post left short for one term, times the school's weight
    /// (area, weak, priority).
    pub shortage: f64,
    /// Tier 2: per teacher missing from a quota, backbone, alliance or
    /// cadre exchange target.
    pub quota: f64,
    /// Tier 3: per seniority inversion.
    pub seniority: f64,
    /// Tier 4: per promotion-needing first-grade teacher left without a
    /// year-long rural exchange.
    pub promotion: f64,
    /// Tier 5: bonus per volunteer sent, and per preferred host used (scaled
    /// by rank).
    pub preference: f64,
    /// Tier 6: per exchange added, removed or changed against `--previous`.
    pub(crate) change: f64,
    /// Tier 7: per km between home and host.
    pub distance: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            shortage: 1000.0,
            quota: 100.0,
            seniority: 10.0,
            promotion: 5.0,
            preference: 2.0,
            change: 1.0,
            distance: 0.01,
        }
    }
}

impl Policy {
    /// The horizon's terms: the configured ones, or the next school year
    /// after `today`. Call [`Policy::problems`] first: this assumes the
    /// configured terms are valid.
    pub(crate) fn horizon(&self, today: NaiveDate) -> Horizon {
        self.horizon_or(Horizon::next_school_year(today))
    }

    /// The configured terms, or `default` when the policy pins none.
    pub(crate) fn horizon_or(&self, default: Horizon) -> Horizon {
        match &self.horizon.terms {
            None => default,
            Some(specs) => Horizon {
                terms: specs
                    .iter()
                    .map(|spec| Term {
                        id: spec.id.clone(),
                        start: toml_date(&spec.start).unwrap_or(NaiveDate::MIN),
                        end: toml_date(&spec.end).unwrap_or(NaiveDate::MIN),
                    })
                    .collect(),
            },
        }
    }

    /// Every value that breaks the policy's own rules, as `key: message`.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut bad = |key: &str, message: String| problems.push(format!("{key}: {message}"));

        if let Some(specs) = &self.horizon.terms {
            if specs.is_empty() {
                bad("horizon.terms", tr!(PolicyNoTerm));
            }
            let mut previous_end: Option<NaiveDate> = None;
            for (i, spec) in specs.iter().enumerate() {
                let key = format!("horizon.terms[{i}]");
                if spec.id.trim().is_empty() {
                    bad(&key, tr!(PolicyTermIdEmpty));
                }
                if specs[..i].iter().any(|other| other.id == spec.id) {
                    bad(&key, tr!(PolicyTermTwice, id = format!("{:?}", spec.id)));
                }
                let (start, end) = (toml_date(&spec.start), toml_date(&spec.end));
                if start.is_none() {
                    bad(&key, tr!(PolicyStartNotDate, start = spec.start));
                }
                if end.is_none() {
                    bad(&key, tr!(PolicyEndNotDate, end = spec.end));
                }
                if let (Some(start), Some(end)) = (start, end) {
                    if end < start {
                        bad(&key, tr!(PolicyEndsBeforeStart, start = start, end = end));
                    }
                    if let Some(previous_end) = previous_end {
                        if start <= previous_end {
                            bad(
                                &key,
                                tr!(
                                    PolicyTermOverlap,
                                    start = start,
                                    previous_end = previous_end
                                ),
                            );
                        }
                    }
                    previous_end = Some(end);
                }
            }
        }

        let fraction = |key: &str, value: f64, bad: &mut dyn FnMut(&str, String)| {
            if !(0.0..=1.0).contains(&value) {
                bad(key, tr!(PolicyFraction, value = value));
            }
        };
        fraction(
            "limits.max_away_fraction",
            self.limits.max_away_fraction,
            &mut bad,
        );
        fraction("quota.min_fraction", self.quota.min_fraction, &mut bad);
        fraction(
            "quota.backbone_fraction",
            self.quota.backbone_fraction,
            &mut bad,
        );

        if !(1..=2).contains(&self.support.terms) {
            bad(
                "support.terms",
                tr!(PolicySupportTerms, value = self.support.terms),
            );
        }
        // Every number within what it can mean (issue 14: `weights.shortage
        // = 1e308` made the objective infinite). `(key, value, least, most,
        // what the range means)`.
        let ranges: [(&str, f64, f64, f64, Msg); 25] = [
            (
                "secondment.terms",
                self.secondment.terms.into(),
                1.0,
                4.0,
                Msg::RangeSecondmentTerms,
            ),
            (
                "secondment.max_per_host",
                self.secondment.max_per_host.into(),
                0.0,
                100.0,
                Msg::RangeCadresPerHost,
            ),
            (
                "secondment.min_each_way",
                self.secondment.min_each_way.into(),
                0.0,
                100.0,
                Msg::RangeCadresEachWay,
            ),
            (
                "distance.max_km",
                self.distance.max_km,
                0.0,
                1000.0,
                Msg::RangeCountyKm,
            ),
            (
                "distance.commute_km",
                self.distance.commute_km,
                0.0,
                1000.0,
                Msg::RangeCountyKm,
            ),
            (
                "distance.road_factor",
                self.distance.road_factor,
                1.0,
                3.0,
                Msg::RangeRoadFactor,
            ),
            (
                "couples.max_km",
                self.couples.max_km,
                0.0,
                1000.0,
                Msg::RangeCountyKm,
            ),
            (
                "solver.time_limit_s",
                self.solver.time_limit_s,
                0.0,
                7.0 * 24.0 * 3600.0,
                Msg::RangeSeconds,
            ),
            (
                "solver.mip_gap",
                self.solver.mip_gap,
                0.0,
                1.0,
                Msg::RangeGap,
            ),
            (
                "weights.shortage",
                self.weights.shortage,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.quota",
                self.weights.quota,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.seniority",
                self.weights.seniority,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.promotion",
                self.weights.promotion,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.preference",
                self.weights.preference,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.change",
                self.weights.change,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "weights.distance",
                self.weights.distance,
                0.0,
                MAX_WEIGHT,
                Msg::RangeWeight,
            ),
            (
                "eligibility.min_years_at_school",
                self.eligibility.min_years_at_school.into(),
                0.0,
                50.0,
                Msg::RangeCareerYears,
            ),
            (
                "eligibility.retirement_age.M",
                self.eligibility.retirement_age.male.into(),
                40.0,
                80.0,
                Msg::RangeAge,
            ),
            (
                "eligibility.retirement_age.F",
                self.eligibility.retirement_age.female.into(),
                40.0,
                80.0,
                Msg::RangeAge,
            ),
            (
                "eligibility.retirement_exempt_years",
                self.eligibility.retirement_exempt_years.into(),
                0.0,
                30.0,
                Msg::RangeCareerYears,
            ),
            (
                "eligibility.cooldown_years",
                self.eligibility.cooldown_years.into(),
                0.0,
                30.0,
                Msg::RangeCareerYears,
            ),
            (
                "rotation.years",
                self.rotation.years.into(),
                1.0,
                10.0,
                Msg::RangeYears,
            ),
            (
                "support.min_teaching_years",
                self.support.min_teaching_years.into(),
                0.0,
                50.0,
                Msg::RangeCareerYears,
            ),
            (
                "shadow.max_teaching_years",
                self.shadow.max_teaching_years.into(),
                0.0,
                50.0,
                Msg::RangeCareerYears,
            ),
            (
                "solver.threads",
                self.solver.threads.into(),
                0.0,
                4096.0,
                Msg::RangeThreads,
            ),
        ];
        for (key, value, least, most, meaning) in ranges {
            // `!(a <= v && v <= b)` also catches NaN.
            if !(least <= value && value <= most) {
                bad(
                    key,
                    tr!(
                        PolicyRange,
                        value = value,
                        least = least,
                        most = most,
                        meaning = meaning.text(Language::current())
                    ),
                );
            }
        }
        problems
    }
}

/// The largest weight of an objective tier: weights are relative, and
/// costs beyond this make the solver's arithmetic lose the lower tiers.
const MAX_WEIGHT: f64 = 1e6;

/// A TOML date (`2027-09-01`, no time part) as a calendar date.
fn toml_date(value: &toml::value::Datetime) -> Option<NaiveDate> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let date = value.date?;
    NaiveDate::from_ymd_opt(date.year as i32, date.month as u32, date.day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_every_default() {
        let policy: Policy = toml::from_str("").unwrap();
        assert_eq!(policy, Policy::default());
        assert_eq!(policy.eligibility.min_years_at_school, 6);
        assert_eq!(policy.eligibility.retirement_age.female, 55);
        assert_eq!(policy.distance.max_km, 80.0);
        assert!(policy.problems().is_empty());
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_it() {
        let err = toml::from_str::<Policy>("[distance]\nmax_kms = 40\n").unwrap_err();
        assert!(err.to_string().contains("max_kms"), "{err}");
    }

    #[test]
    fn terms_are_read_with_real_dates() {
        let policy: Policy = toml::from_str(
            r#"[horizon]
terms = [
  { id = "2027-autumn", start = 2027-09-01, end = 2028-01-20 },
  { id = "2028-spring", start = 2028-02-21, end = 2028-07-10 },
]"#,
        )
        .unwrap();
        assert!(policy.problems().is_empty());
        let horizon = policy.horizon(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        assert_eq!(horizon.terms[1].id, "2028-spring");
        assert_eq!(
            horizon.first_day(),
            NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()
        );
    }

    #[test]
    fn overlapping_terms_and_bad_values_are_all_reported() {
        let policy: Policy = toml::from_str(
            r#"[horizon]
terms = [
  { id = "a", start = 2027-09-01, end = 2028-01-20 },
  { id = "b", start = 2028-01-10, end = 2028-07-10 },
]
[limits]
max_away_fraction = 1.5
[support]
terms = 3"#,
        )
        .unwrap();
        let problems = policy.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn away_limit_rounds_down_but_is_at_least_one_from_five_teachers() {
        let limits = LimitsPolicy::default();
        assert_eq!(limits.max_away(4), 0);
        assert_eq!(limits.max_away(5), 1);
        assert_eq!(limits.max_away(9), 1);
        assert_eq!(limits.max_away(10), 2);
        assert_eq!(limits.max_away(54), 10);
    }
}
