//! The policy targets of SPEC §2 measured on a roster: the quota (交流比例)
//! and the backbone share (骨干比例), per county and per school, and the
//! alliance exchange (置换交流) and the cadre exchange (互派干部) per group. `solve`'s summary and `check`'s
//! warnings both use these figures.

use std::collections::BTreeMap;

use crate::domain::alliance::{alliance_way, cadre_way, target_groups, AllianceWay};
use crate::domain::eligibility::is_rotation_eligible;
use crate::domain::quota::at_least;
use crate::domain::{Dataset, Exchange, Horizon, Policy};
use crate::lang::{tr, Language, Msg};
use crate::output::{AllianceFigures, QuotaFigures};

pub(crate) struct Targets {
    /// Teachers eligible for rotation, in all.
    pub(crate) eligible: u32,
    pub(crate) by_county: BTreeMap<String, QuotaFigures>,
    pub(crate) by_school: BTreeMap<String, QuotaFigures>,
}

impl Targets {
    pub(crate) fn new(
        dataset: &Dataset,
        policy: &Policy,
        horizon: &Horizon,
        exchanges: &[Exchange],
    ) -> Targets {
        let first_day = horizon.first_day();
        let eligible: Vec<bool> = dataset
            .teachers
            .iter()
            .map(|t| is_rotation_eligible(t, policy, first_day))
            .collect();
        let mut targets = Targets {
            eligible: eligible.iter().filter(|&&e| e).count() as u32,
            by_county: BTreeMap::new(),
            by_school: BTreeMap::new(),
        };
        for (t, teacher) in dataset.teachers.iter().enumerate() {
            let school = &dataset.schools[teacher.school];
            let (county, school) = targets.figures(&school.county, &school.id);
            if eligible[t] {
                county.eligible += 1;
                school.eligible += 1;
            }
        }
        for exchange in exchanges {
            if !exchange.kind.counts_toward_quota() || !eligible[exchange.teacher] {
                continue;
            }
            let teacher = &dataset.teachers[exchange.teacher];
            let school = &dataset.schools[teacher.school];
            let backbone = teacher.backbone.is_backbone() as u32;
            for figures in targets.figures_both(&school.county, &school.id) {
                figures.achieved += 1;
                figures.backbone_achieved += backbone;
            }
        }
        for figures in targets
            .by_county
            .values_mut()
            .chain(targets.by_school.values_mut())
        {
            figures.required =
                at_least(policy.quota.min_fraction, figures.eligible as usize) as u32;
            figures.backbone_required = at_least(
                policy.quota.backbone_fraction,
                figures.required.max(figures.achieved) as usize,
            ) as u32;
        }
        targets
    }

    fn figures(&mut self, county: &str, school: &str) -> (&mut QuotaFigures, &mut QuotaFigures) {
        (
            self.by_county.entry(county.to_string()).or_default(),
            self.by_school.entry(school.to_string()).or_default(),
        )
    }

    fn figures_both(&mut self, county: &str, school: &str) -> [&mut QuotaFigures; 2] {
        let (county, school) = self.figures(county, school);
        [county, school]
    }

    /// One line per missed target: per county, and per school when the
    /// policy applies the quota to every school.
    pub(crate) fn shortfalls(&self, policy: &Policy) -> Vec<String> {
        let mut lines = Vec::new();
        let mut report = |what: &str, figures: &QuotaFigures| {
            if figures.shortfall() > 0 {
                lines.push(tr!(
                    QuotaMissed,
                    what = what,
                    n = figures.shortfall(),
                    achieved = figures.achieved,
                    required = figures.required
                ));
            }
            if figures.backbone_shortfall() > 0 {
                lines.push(tr!(
                    BackboneMissed,
                    what = what,
                    n = figures.backbone_shortfall(),
                    achieved = figures.backbone_achieved,
                    required = figures.backbone_required
                ));
            }
        };
        for (county, figures) in &self.by_county {
            report(&tr!(TargetCounty, county = county), figures);
        }
        if policy.quota.per_school {
            for (school, figures) in &self.by_school {
                report(&tr!(TargetSchool, school = school), figures);
            }
        }
        lines
    }
}

/// The alliance target per group with a lead and a member school, when
/// `alliance.min_each_way` sets one.
pub(crate) fn alliance_figures(
    dataset: &Dataset,
    policy: &Policy,
    exchanges: &[Exchange],
) -> Option<BTreeMap<String, AllianceFigures>> {
    group_figures(
        dataset,
        policy.alliance.min_each_way,
        exchanges,
        alliance_way,
    )
}

/// The cadre exchange target per group with a lead and a member school,
/// when `secondment.min_each_way` sets one.
pub(crate) fn cadre_figures(
    dataset: &Dataset,
    policy: &Policy,
    exchanges: &[Exchange],
) -> Option<BTreeMap<String, AllianceFigures>> {
    group_figures(
        dataset,
        policy.secondment.min_each_way,
        exchanges,
        cadre_way,
    )
}

/// A per-group target each way, counted with `way` (see
/// `domain::alliance`); `None` when `required` is 0 (no target).
fn group_figures(
    dataset: &Dataset,
    required: u32,
    exchanges: &[Exchange],
    way: for<'d> fn(&'d Dataset, &Exchange) -> Option<(&'d str, AllianceWay)>,
) -> Option<BTreeMap<String, AllianceFigures>> {
    if required == 0 {
        return None;
    }
    let mut figures: BTreeMap<String, AllianceFigures> = target_groups(dataset)
        .into_keys()
        .map(|group| {
            let figures = AllianceFigures {
                required,
                ..AllianceFigures::default()
            };
            (group.to_string(), figures)
        })
        .collect();
    for exchange in exchanges {
        let Some((group, way)) = way(dataset, exchange) else {
            continue;
        };
        if let Some(group) = figures.get_mut(group) {
            match way {
                AllianceWay::LeadToMembers => group.lead_to_members += 1,
                AllianceWay::MembersToLead => group.members_to_lead += 1,
            }
        }
    }
    Some(figures)
}

/// One line per group that misses the alliance target.
pub(crate) fn alliance_shortfalls(figures: &BTreeMap<String, AllianceFigures>) -> Vec<String> {
    group_shortfalls(
        figures,
        Msg::AllianceTarget,
        [Msg::AllianceOut, Msg::AllianceBack],
    )
}

/// One line per group that misses the cadre exchange target.
pub(crate) fn cadre_shortfalls(figures: &BTreeMap<String, AllianceFigures>) -> Vec<String> {
    group_shortfalls(figures, Msg::CadreTarget, [Msg::CadreOut, Msg::CadreBack])
}

/// `group G: TARGET missed by N (a of r WAY, b of r WAY)` per group that
/// misses a group target.
fn group_shortfalls(
    figures: &BTreeMap<String, AllianceFigures>,
    target: Msg,
    [out, back]: [Msg; 2],
) -> Vec<String> {
    let language = Language::current();
    let (target, out, back) = (
        target.text(language),
        out.text(language),
        back.text(language),
    );
    figures
        .iter()
        .filter(|(_, f)| f.shortfall() > 0)
        .map(|(group, f)| {
            tr!(
                GroupTargetMissed,
                group = group,
                target = target,
                n = f.shortfall(),
                out_achieved = f.lead_to_members,
                required = f.required,
                out = out,
                back_achieved = f.members_to_lead,
                back = back
            )
        })
        .collect()
}
