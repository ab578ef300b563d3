//! Why a re-optimization dropped a teacher from the roster, in words for
//! the printed list of changes: what today's data says against their
//! previous exchange, before the plain "re-optimized".

use chrono::NaiveDate;

use crate::domain::{refusal, Dataset, Horizon, Policy, Rule};
use crate::lang::tr;
use crate::model::History;

use super::staffing::Staffing;

pub(crate) struct RemovalReasons<'a> {
    dataset: &'a Dataset,
    policy: &'a Policy,
    horizon: &'a Horizon,
    history: &'a History,
    first_day: NaiveDate,
    /// Staff before the roster, computed once for every removal.
    staffing: Staffing,
}

impl<'a> RemovalReasons<'a> {
    pub(crate) fn new(
        dataset: &'a Dataset,
        policy: &'a Policy,
        horizon: &'a Horizon,
        history: &'a History,
    ) -> RemovalReasons<'a> {
        RemovalReasons {
            dataset,
            policy,
            horizon,
            history,
            first_day: horizon.first_day(),
            staffing: Staffing::new(dataset, policy, &[]),
        }
    }

    /// Why teacher `id` left the roster: a lock to stay, an exemption,
    /// ineligibility for the previous kind, a forbidden pair, or a host post
    /// demand.csv no longer asks for; else the re-optimization itself.
    pub(crate) fn why(&self, id: &str) -> String {
        let dataset = self.dataset;
        let Some(t) = dataset.teacher_index(id) else {
            return tr!(RemovalReoptimized);
        };
        let teacher = &dataset.teachers[t];
        let stay = dataset
            .locks
            .iter()
            .find(|l| l.teacher == t && l.host.is_none());
        if let Some(refused) = refusal::locked_to_stay(teacher, stay)
            .or_else(|| refusal::exemption(teacher, self.policy, self.first_day))
        {
            return refused.to_string();
        }
        let Some(previous) = self.history.previous.get(&t) else {
            return tr!(RemovalReoptimized);
        };
        let host = &dataset.schools[previous.host];
        let forbidden = dataset.forbidden.contains(&(t, previous.host));
        if let Some(refused) = refusal::career(previous.kind, teacher, self.policy, self.first_day)
            .or_else(|| refusal::forbidden(teacher, host, forbidden))
        {
            return refused.to_string();
        }
        if previous.kind.fills_post(self.policy) {
            let full = (previous.start_term..=previous.end_term)
                .filter_map(|term| Some((term, self.horizon.terms.get(term)?)))
                .find(|&(ix, term)| {
                    let staff = self.staffing.before(previous.host, &previous.subject, ix);
                    dataset.posts(previous.host, &previous.subject, &term.id) <= staff
                })
                .map(|(_, term)| term);
            if let Some(term) = full {
                return tr!(
                    RemovalNoLongerShort,
                    host = host.id,
                    subject = previous.subject,
                    term = term.id,
                    rule = Rule::HostCapacity
                );
            }
        }
        tr!(RemovalBetter)
    }
}
