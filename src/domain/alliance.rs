//! The alliance exchange target (置换交流, SPEC §2 policy targets,
//! `alliance.min_each_way`): in every group, at least that many backbone
//! teachers go from the lead school to member schools on `rotation` or
//! `support`, and at least as many teachers go from member schools to the
//! lead, of any kind. The model, the summary and `check` all decide with
//! [`alliance_way`] which exchanges count, so they count the same ones.
//!
//! The cadre exchange target (互派干部, `secondment.min_each_way`) is the
//! same shape on the cadre track: secondments from the lead to member
//! schools and from members to the lead ([`cadre_way`]). A secondment
//! counts toward the cadre target only, a teacher's exchange toward the
//! alliance target only ([`Kind::track`]): the county reports ask for the
//! two tracks apart ("2 school leaders and 6 subject teachers each way").

use std::collections::BTreeMap;

use super::exchange::Track;
use super::{Dataset, Exchange, GroupRole, SchoolIx};

/// Which way an exchange counts for its group's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllianceWay {
    /// A backbone teacher of the lead school to a member school, on
    /// `rotation` or `support`.
    LeadToMembers,
    /// A teacher of a member school to the lead school, any kind.
    MembersToLead,
}

/// The group both schools belong to, if they share one.
pub(crate) fn shared_group(dataset: &Dataset, a: SchoolIx, b: SchoolIx) -> Option<&str> {
    let (a, b) = (&dataset.schools[a], &dataset.schools[b]);
    a.group
        .as_deref()
        .filter(|&g| b.group.as_deref() == Some(g))
}

/// The group and the way `exchange` counts for the alliance target, or
/// `None` when it does not count.
pub fn alliance_way<'d>(
    dataset: &'d Dataset,
    exchange: &Exchange,
) -> Option<(&'d str, AllianceWay)> {
    if exchange.kind.track() != Track::Teachers {
        return None;
    }
    let teacher = &dataset.teachers[exchange.teacher];
    let (group, way) = group_way(dataset, exchange)?;
    // Lead to members: backbone teachers on the kinds the quota counts
    // (`rotation` or `support`, SPEC §2).
    let counts = match way {
        AllianceWay::LeadToMembers => {
            teacher.backbone.is_backbone() && exchange.kind.counts_toward_quota()
        }
        AllianceWay::MembersToLead => true,
    };
    counts.then_some((group, way))
}

/// The group and the way `exchange` counts for the cadre exchange target
/// (互派干部): a secondment between the lead and a member school of one
/// group, either way.
pub(crate) fn cadre_way<'d>(
    dataset: &'d Dataset,
    exchange: &Exchange,
) -> Option<(&'d str, AllianceWay)> {
    if exchange.kind.track() != Track::Cadres {
        return None;
    }
    group_way(dataset, exchange)
}

/// The group and the way an exchange goes between its lead and a member
/// school, whoever goes.
fn group_way<'d>(dataset: &'d Dataset, exchange: &Exchange) -> Option<(&'d str, AllianceWay)> {
    let home = dataset.teachers[exchange.teacher].school;
    let group = shared_group(dataset, home, exchange.host)?;
    let role = |s: SchoolIx| dataset.schools[s].group_role;
    match (role(home), role(exchange.host)) {
        (Some(GroupRole::Lead), Some(GroupRole::Member)) => {
            Some((group, AllianceWay::LeadToMembers))
        }
        (Some(GroupRole::Member), Some(GroupRole::Lead)) => {
            Some((group, AllianceWay::MembersToLead))
        }
        _ => None,
    }
}

/// The groups a target applies to: those with a lead and a member school,
/// by group id, with their schools.
pub(crate) fn target_groups(dataset: &Dataset) -> BTreeMap<&str, Vec<SchoolIx>> {
    let mut groups: BTreeMap<&str, Vec<SchoolIx>> = BTreeMap::new();
    for (s, school) in dataset.schools.iter().enumerate() {
        if let Some(group) = school.group.as_deref() {
            groups.entry(group).or_default().push(s);
        }
    }
    groups.retain(|_, schools| {
        let has = |role| {
            schools
                .iter()
                .any(|&s| dataset.schools[s].group_role == Some(role))
        };
        has(GroupRole::Lead) && has(GroupRole::Member)
    });
    groups
}
