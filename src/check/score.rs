//! A roster's score, tier by tier (SPEC §2's objective), counted from the
//! data and the roster alone, like the rest of the checker: what `check`
//! prints, what `check --against` compares, and what `explain` and
//! `suggest` report as the cost of an alternative.
//!
//! Tier 1 is the weighted shortage in post-terms times the school's weight
//! (area, weak, priority), before the tier weight; the other tiers are
//! counts (tier 5 in preference points: a volunteer left home is 1, a
//! preference not met is 1, met at rank k is 1 - 1/k; tier 7 in km). A
//! roster's tier values differ from the model's penalty columns only by
//! constants of the data (a teacher the model cannot send is charged in
//! every roster alike), so differences between rosters are the model's.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::geo::Distances;
use crate::domain::{Dataset, Exchange, Horizon, Policy, TeacherIx};
use crate::lang::{tr, Language, Msg};
use crate::report::fairness::fairness;
use crate::report::staffing::Staffing;
use crate::report::targets::Targets;

/// One roster's figures per objective tier.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Tier 1: post-terms short times the school's weight.
    pub weighted_shortage: f64,
    /// Post-terms short, and of those at rural or weak schools.
    pub(crate) shortage: u64,
    pub(crate) rural_shortage: u64,
    /// Tier 2: teachers missing from the quota and the backbone share.
    pub(crate) quota_shortfall: u32,
    pub(crate) backbone_shortfall: u32,
    /// Tier 3: seniority inversions.
    pub(crate) inversions: u32,
    /// Tier 4: first-grade teachers needing rural service left without a
    /// year-long rural or weak posting.
    pub(crate) promotion_unserved: u32,
    /// Tier 5: volunteers left home, and preference points not met.
    pub(crate) volunteers_unsent: u32,
    pub(crate) preferences_unmet: f64,
    /// Tier 7: km between home and host, summed.
    pub km: f64,
}

/// One tier's line in a comparison of two rosters.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierChange {
    pub tier: u8,
    pub(crate) name: &'static str,
    /// This roster's value, the other's, and this minus the other.
    pub(crate) value: f64,
    pub(crate) against: f64,
    pub difference: f64,
    /// The difference weighted by the tier's weight from `[weights]`
    /// (tier 1 by `weights.shortage` as written, before the model raises it).
    pub(crate) weighted: f64,
    /// The difference in words ("2 more rural or weak post-terms short").
    pub words: String,
}

/// Differences smaller than this are rounding.
const EPS: f64 = 1e-6;

impl Score {
    /// Scores `exchanges` (a roster's valid rows) on `dataset`.
    pub fn of(
        dataset: &Dataset,
        policy: &Policy,
        horizon: &Horizon,
        exchanges: &[Exchange],
    ) -> Score {
        let mut score = Score::default();
        let staffing = Staffing::new(dataset, policy, exchanges);
        for (school, subject) in dataset.demand.keys() {
            let school = *school;
            let info = &dataset.schools[school];
            for (term, term_info) in horizon.terms.iter().enumerate() {
                let demand = dataset.posts(school, subject, &term_info.id);
                let short = demand.saturating_sub(staffing.after(school, subject, term)) as u64;
                score.shortage += short;
                if info.is_rural_or_weak() {
                    score.rural_shortage += short;
                }
                score.weighted_shortage += short as f64 * info.shortage_weight();
            }
        }

        let targets = Targets::new(dataset, policy, horizon, exchanges);
        let figures = if policy.quota.per_school {
            &targets.by_school
        } else {
            &targets.by_county
        };
        for f in figures.values() {
            score.quota_shortfall += f.shortfall();
            score.backbone_shortfall += f.backbone_shortfall();
        }

        let fair = fairness(dataset, policy, horizon, exchanges);
        score.inversions = fair.seniority_inversions;
        score.promotion_unserved = fair.promotion_needs - fair.promotion_served;
        score.volunteers_unsent = fair.volunteers - fair.volunteers_sent;

        let host: HashMap<TeacherIx, usize> =
            exchanges.iter().map(|e| (e.teacher, e.host)).collect();
        let mut best: HashMap<TeacherIx, f64> = HashMap::new();
        for p in &dataset.preferences {
            let credit = if host.get(&p.teacher) == Some(&p.school) {
                1.0 / p.rank.max(1) as f64
            } else {
                0.0
            };
            let entry = best.entry(p.teacher).or_insert(0.0);
            *entry = entry.max(credit);
        }
        score.preferences_unmet = best.values().map(|credit| 1.0 - credit).sum();

        let distances = Distances::new(dataset, policy.distance.road_factor);
        score.km = exchanges
            .iter()
            .filter_map(|e| distances.km(dataset.teachers[e.teacher].school, e.host))
            .sum();
        score
    }

    /// The tiers as (number, name, value, weight).
    fn tiers(&self, policy: &Policy) -> [(u8, &'static str, f64, f64); 6] {
        let w = &policy.weights;
        let name = |msg: Msg| msg.text(Language::current());
        [
            (
                1,
                name(Msg::TierShortage),
                self.weighted_shortage,
                w.shortage,
            ),
            (
                2,
                name(Msg::TierTargets),
                (self.quota_shortfall + self.backbone_shortfall) as f64,
                w.quota,
            ),
            (
                3,
                name(Msg::TierSeniority),
                self.inversions as f64,
                w.seniority,
            ),
            (
                4,
                name(Msg::TierPromotion),
                self.promotion_unserved as f64,
                w.promotion,
            ),
            (
                5,
                name(Msg::TierPreferences),
                self.volunteers_unsent as f64 + self.preferences_unmet,
                w.preference,
            ),
            (7, name(Msg::TierDistance), self.km, w.distance),
        ]
    }

    /// Lines for `check`: each tier with its value and what it counts.
    pub(crate) fn lines(&self, policy: &Policy) -> Vec<String> {
        self.tiers(policy)
            .into_iter()
            .map(|(tier, name, value, _)| {
                let detail = match tier {
                    1 => tr!(
                        ScoreShortageDetail,
                        short = self.shortage,
                        rural = self.rural_shortage
                    ),
                    2 => tr!(
                        ScoreTargetsDetail,
                        quota = self.quota_shortfall,
                        backbone = self.backbone_shortfall
                    ),
                    5 => tr!(
                        ScorePreferencesDetail,
                        volunteers = self.volunteers_unsent,
                        points = round(self.preferences_unmet)
                    ),
                    _ => String::new(),
                };
                let name = crate::output::table::pad(&name, 28);
                let value = round(value);
                tr!(
                    ScoreTier,
                    tier = tier,
                    name = name,
                    value = format!("{value:>10}")
                ) + &detail
            })
            .collect()
    }

    /// This roster against `other`, tier by tier (this minus other), every
    /// tier listed.
    pub fn against(&self, other: &Score, policy: &Policy) -> Vec<TierChange> {
        self.tiers(policy)
            .into_iter()
            .zip(other.tiers(policy))
            .map(|((tier, name, value, weight), (_, _, against, _))| {
                let difference = value - against;
                TierChange {
                    tier,
                    name,
                    value,
                    against,
                    difference,
                    weighted: difference * weight,
                    words: self.words(other, tier),
                }
            })
            .collect()
    }

    /// One tier's difference in words; empty when there is none.
    fn words(&self, other: &Score, tier: u8) -> String {
        let count = |now: f64, before: f64, what: Msg| -> Option<String> {
            let d = now - before;
            (d.abs() > EPS).then(|| {
                let what = what.text(Language::current());
                let amount = round(d.abs());
                if d > 0.0 {
                    tr!(ScoreMore, amount = amount, what = what)
                } else {
                    tr!(ScoreFewer, amount = amount, what = what)
                }
            })
        };
        let parts: Vec<Option<String>> = match tier {
            1 => vec![
                count(
                    self.rural_shortage as f64,
                    other.rural_shortage as f64,
                    Msg::WhatRuralShort,
                ),
                count(
                    (self.shortage - self.rural_shortage) as f64,
                    (other.shortage - other.rural_shortage) as f64,
                    Msg::WhatOtherShort,
                ),
                count(
                    self.weighted_shortage,
                    other.weighted_shortage,
                    Msg::WhatWeightedShort,
                )
                .filter(|_| {
                    self.shortage == other.shortage && self.rural_shortage == other.rural_shortage
                }),
            ],
            2 => vec![
                count(
                    self.quota_shortfall as f64,
                    other.quota_shortfall as f64,
                    Msg::WhatQuotaMissing,
                ),
                count(
                    self.backbone_shortfall as f64,
                    other.backbone_shortfall as f64,
                    Msg::WhatBackboneMissing,
                ),
            ],
            3 => vec![count(
                self.inversions as f64,
                other.inversions as f64,
                Msg::WhatInversions,
            )],
            4 => vec![count(
                self.promotion_unserved as f64,
                other.promotion_unserved as f64,
                Msg::WhatPromotion,
            )],
            5 => vec![
                count(
                    self.volunteers_unsent as f64,
                    other.volunteers_unsent as f64,
                    Msg::WhatVolunteers,
                ),
                count(
                    self.preferences_unmet,
                    other.preferences_unmet,
                    Msg::WhatPreferences,
                ),
            ],
            _ => {
                let d = self.km - other.km;
                vec![(d.abs() > EPS).then(|| {
                    let km = round(d.abs());
                    if d > 0.0 {
                        tr!(ScoreKmMore, km = km)
                    } else {
                        tr!(ScoreKmLess, km = km)
                    }
                })]
            }
        };
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    }
}

/// The differences in words, most important tier first; "no difference in
/// any tier" when the rosters score alike.
pub(crate) fn in_words(changes: &[TierChange]) -> String {
    let words: Vec<&str> = changes
        .iter()
        .map(|c| c.words.as_str())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        tr!(ScoreNoDifference)
    } else {
        words.join("; ")
    }
}

/// [`round`] with a sign: `+2`, `-0.5`, `0`.
pub(crate) fn signed(value: f64) -> String {
    if value > EPS {
        format!("+{}", round(value))
    } else if value < -EPS {
        round(value)
    } else {
        "0".into()
    }
}

/// A figure with at most two decimals, without trailing zeros.
pub(crate) fn round(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}
