//! The mixed-integer model of one planning unit (SPEC §2).
//!
//! Columns are the candidate exchanges of [`candidates`] (one binary each)
//! plus continuous helper columns (shortage, penalties, counts). Rules that concern one exchange are
//! enforced by candidate generation; rules that concern several exchanges
//! are constraint families in [`rules`], one function per rule, and the
//! objective tiers are in [`objective`], one function per tier.

pub mod candidates;
pub(crate) mod context;
pub(crate) mod linear;
pub(crate) mod objective;
pub(crate) mod rules;

use std::collections::{BTreeMap, HashMap};

use fnv::FnvHashMap;
use good_lp::{variable, Constraint, ProblemVariables, Variable};
pub use linear::{Column, Linear};

use crate::domain::{Rule, SchoolIx, Subject, TeacherIx};
pub use candidates::Scope;
use candidates::{Candidate, LockConflict};
pub use context::{units, Context, History, Unit};

/// The rule a row enforces. Rows of a hard-rule family can be relaxed with
/// slack to find out which rules conflict when a unit is infeasible; rows
/// that only define helper columns cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Family {
    /// Defines a helper column (shortage, seniority chain): never relaxed.
    Definition,
    /// "A teacher takes at most one exchange": structural, never relaxed.
    OneExchange,
    Beds,
    Departures,
    HostCapacity,
    Couples,
    Locks,
    Mentors,
    KeepSubject,
    SecondmentPlaces,
    /// A hard quota or backbone share (`quota.hard = true`).
    Quota,
    /// A hard alliance exchange target (`alliance.min_each_way` with
    /// `quota.hard = true`).
    Alliance,
    /// A hard cadre exchange target (`secondment.min_each_way` with
    /// `quota.hard = true`).
    CadreExchange,
    /// Strict seniority (`seniority = "strict"`).
    Seniority,
}

impl Family {
    /// Whether the row states a rule a user can trade off (see
    /// `solve::explain`).
    pub(crate) fn is_relaxable(self) -> bool {
        !matches!(self, Family::Definition | Family::OneExchange)
    }

    /// Locks and the targets a user made hard are decisions; the other
    /// rules are the county's physical limits. An infeasibility report names
    /// both sides of a conflict.
    pub(crate) fn is_decision(self) -> bool {
        matches!(
            self,
            Family::Locks
                | Family::Quota
                | Family::Alliance
                | Family::CadreExchange
                | Family::Seniority
        )
    }

    /// The rule the family's rows state; `None` for rows that only define
    /// a helper column.
    pub(crate) fn rule(self) -> Option<Rule> {
        Some(match self {
            Family::Definition => return None,
            Family::OneExchange => Rule::OneExchange,
            Family::Beds => Rule::Distance,
            Family::Departures => Rule::Departures,
            Family::HostCapacity => Rule::HostCapacity,
            Family::Couples => Rule::Couples,
            Family::Locks => Rule::Locks,
            Family::Mentors => Rule::Mentors,
            Family::KeepSubject => Rule::KeepSubject,
            Family::SecondmentPlaces => Rule::SecondmentPlaces,
            Family::Quota | Family::Alliance | Family::CadreExchange => Rule::HardTarget,
            Family::Seniority => Rule::StrictSeniority,
        })
    }

    /// How the spec names the rule, for infeasibility reports.
    pub(crate) fn describe(self) -> String {
        self.rule().map_or_else(
            || crate::lang::tr!(FamilyDefinition),
            |rule| rule.to_string(),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sense {
    AtMost,
    AtLeast,
    Equal,
}

/// One row: `lhs (<=|>=|=) rhs`, named after its rule and the school,
/// teacher or term it is for; the name is carried into MPS exports and
/// infeasibility reports.
///
/// The model's rows sum columns by number ([`Linear`]); `solve::columns`
/// also reads rows over good_lp expressions (`Row<Expression>`), which
/// small hand-made problems in the solver's tests are written in.
pub struct Row<L = Linear> {
    pub(crate) name: String,
    pub(crate) family: Family,
    pub(crate) lhs: L,
    pub(crate) sense: Sense,
    pub(crate) rhs: f64,
}

impl Row {
    /// The row as a good_lp constraint over `variables` (see
    /// [`Model::good_lp_variables`]).
    pub fn constraint(&self, variables: &[Variable]) -> Constraint {
        let lhs = self.lhs.to_expression(variables);
        match self.sense {
            Sense::AtMost => lhs.leq(self.rhs),
            Sense::AtLeast => lhs.geq(self.rhs),
            Sense::Equal => lhs.eq(self.rhs),
        }
    }
}

/// A built model, ready to hand to the solver.
pub struct Model {
    pub variables: ProblemVariables,
    /// Names of the columns after the candidates', in the order they were
    /// created. A candidate's column is named from the candidate only when
    /// the names are needed ([`Model::column_names`]): formatting half a
    /// million names took a sixth of a large county's build, for a model
    /// export few runs ask for.
    pub(crate) helper_names: Vec<String>,
    pub candidates: Vec<Candidate>,
    /// The binary "this exchange happens" column of each candidate: the
    /// model's first columns, candidate `c`'s column `c`.
    pub chosen: Vec<Variable>,
    /// Each candidate's swap class: candidates from one home school to one
    /// host in one subject, whichever teacher takes them. Teachers of a
    /// class can take each other's place, which is how a roster near the
    /// LP's is improved (see `solve::rens`).
    pub(crate) swap_class: Vec<usize>,
    /// Whether each candidate is in the first LP the solver prices from
    /// (`solve::rens`): those that fill a post short before any exchange,
    /// take no post, or are locked or kept. The others, refills, enter when
    /// their reduced cost says they improve the LP.
    pub(crate) first_lp: Vec<bool>,
    pub rows: Vec<Row>,
    pub objective: Linear,
    /// Weighted shortage the model cannot change (schools and subjects no
    /// candidate touches): added to the solver's objective when reporting.
    pub objective_constant: f64,
    /// Tier-1 weight actually used: `weights.shortage`, raised if needed so
    /// that shortage outweighs every lower tier (see `objective`).
    pub(crate) shortage_weight: f64,
    /// Shortage left at a school, subject and term: the column tier 1
    /// weighs, where exchanges can change the staff.
    pub(crate) shortage: BTreeMap<(SchoolIx, Subject, usize), Column>,
    /// Each teacher's "away in this term" column: the candidate's own column
    /// when only one candidate covers the term, else a column defined as the
    /// sum of those candidates.
    pub(crate) away: FnvHashMap<(TeacherIx, usize), Column>,
    /// Locks that no candidate can honour: the unit is infeasible.
    pub lock_conflicts: Vec<LockConflict>,
}

impl Model {
    /// How many columns the model has: the candidates' first, then the
    /// helpers.
    pub fn columns(&self) -> usize {
        self.chosen.len() + self.helper_names.len()
    }

    /// The name of every column, in column order (for the model export):
    /// `x[...]` for a candidate (see [`column_name`]), then the helpers'.
    pub fn column_names(&self, ctx: &Context) -> Vec<String> {
        self.candidates
            .iter()
            .map(|candidate| column_name(ctx, candidate))
            .chain(self.helper_names.iter().cloned())
            .collect()
    }

    /// Adds a column outside the rule families (used to relax rows when
    /// explaining infeasibility).
    pub(crate) fn add_named_column(
        &mut self,
        name: String,
        definition: good_lp::VariableDefinition,
    ) -> Column {
        self.add_column(mps_safe(&name), definition)
    }

    /// States a decision made outside the data, like a lock (rule 9):
    /// `sum of the given candidates (sense) rhs`. `explain` and `suggest`
    /// force an exchange in or out of the roster this way.
    pub(crate) fn force(&mut self, name: &str, candidates: &[usize], sense: Sense, rhs: f64) {
        let lhs = self.sum_chosen(candidates);
        self.add_row(Family::Locks, name, lhs, sense, rhs);
    }

    /// Adds a helper column (after every candidate's).
    fn add_column(&mut self, name: String, definition: good_lp::VariableDefinition) -> Column {
        let column = Column(self.columns());
        self.helper_names.push(name);
        self.variables.add(definition);
        column
    }

    /// Candidate `c`'s "this exchange happens" column.
    pub fn candidate_column(&self, c: usize) -> Column {
        Column(c)
    }

    /// The good_lp variable of each column, in column order (to solve the
    /// model through good_lp, as the reference tests do).
    pub fn good_lp_variables(&self) -> Vec<Variable> {
        self.variables
            .iter_variables_with_def()
            .map(|(variable, _)| variable)
            .collect()
    }

    fn add_row(&mut self, family: Family, name: &str, lhs: Linear, sense: Sense, rhs: f64) {
        self.rows.push(Row {
            name: mps_safe(name),
            family,
            lhs,
            sense,
            rhs,
        });
    }

    /// How many of the given candidates are exchanges kept from the previous
    /// roster. Kept exchanges are facts: a capacity row never demands less
    /// than they already use, or re-planning a running year would be
    /// infeasible because of what is already in place.
    fn kept_among(&self, ctx: &Context, candidates: &[usize]) -> usize {
        candidates
            .iter()
            .filter(|&&c| {
                ctx.history
                    .kept
                    .contains(&self.candidates[c].exchange.teacher)
            })
            .count()
    }

    /// How many of the given teachers are away in `term` on a kept exchange.
    fn kept_away(&self, ctx: &Context, teachers: &[TeacherIx], term: usize) -> usize {
        teachers
            .iter()
            .filter(|&&t| ctx.kept(t).is_some_and(|e| e.covers(term)))
            .count()
    }

    /// Sum of the away-columns of the given teachers in `term`.
    fn sum_away(&self, teachers: &[TeacherIx], term: usize) -> Linear {
        teachers
            .iter()
            .filter_map(|&t| self.away.get(&(t, term)))
            .copied()
            .sum()
    }

    /// A helper column defined (row `def_NAME`) as the sum of the given
    /// candidates' columns.
    fn sum_column(
        &mut self,
        name: &str,
        definition: good_lp::VariableDefinition,
        candidates: &[usize],
    ) -> Column {
        let column = self.add_column(mps_safe(name), definition);
        let lhs = column - self.sum_chosen(candidates);
        self.add_row(
            Family::Definition,
            &format!("def_{name}"),
            lhs,
            Sense::Equal,
            0.0,
        );
        column
    }

    /// Sum of the chosen-columns of the given candidates.
    fn sum_chosen(&self, candidates: &[usize]) -> Linear {
        candidates.iter().map(|&c| self.candidate_column(c)).sum()
    }
}

/// Which candidates touch which school, subject and term; the index every
/// constraint family reads from. Departures are indexed by teacher: each
/// teacher's "away in this term" is one column (see [`Model::away`]), so a
/// row about departures has one entry per teacher, not one per candidate.
#[derive(Default)]
pub(crate) struct Usage {
    pub(crate) by_teacher: FnvHashMap<TeacherIx, Vec<usize>>,
    /// Each teacher's candidates covering a term.
    pub(crate) covering: FnvHashMap<(TeacherIx, usize), Vec<usize>>,
    /// Own teachers of the school who may be away in a term.
    pub(crate) away: FnvHashMap<(SchoolIx, usize), Vec<TeacherIx>>,
    /// The same, by the teachers' primary subject.
    pub(crate) departures: FnvHashMap<(SchoolIx, Subject, usize), Vec<TeacherIx>>,
    /// Candidates taking a post of the subject at the host (`rotation`,
    /// `support`, and `shadow` with `shadow.fills_post`).
    pub(crate) arrivals: FnvHashMap<(SchoolIx, Subject, usize), Vec<usize>>,
    /// `shadow` candidates learning the subject at the host (rule 10).
    pub(crate) shadows: FnvHashMap<(SchoolIx, Subject, usize), Vec<usize>>,
    /// `secondment` candidates taking a place at the host (rule 12).
    pub(crate) secondees: FnvHashMap<(SchoolIx, usize), Vec<usize>>,
    /// Candidates needing a dormitory bed at the host.
    pub(crate) beds: FnvHashMap<(SchoolIx, usize), Vec<usize>>,
}

impl Usage {
    pub(crate) fn index(ctx: &Context, candidates: &[Candidate]) -> Usage {
        let mut usage = Usage::default();
        // Candidates come teacher by teacher: each teacher's are indexed
        // as one run (a teacher met again later extends its lists).
        let mut run_start = 0;
        while run_start < candidates.len() {
            let teacher = candidates[run_start].exchange.teacher;
            let run_end = candidates[run_start..]
                .iter()
                .position(|c| c.exchange.teacher != teacher)
                .map_or(candidates.len(), |k| run_start + k);
            let run = run_start..run_end;
            usage
                .by_teacher
                .entry(teacher)
                .or_default()
                .extend(run.clone());
            let last_term = run
                .clone()
                .map(|c| candidates[c].exchange.end_term)
                .max()
                .unwrap_or(0);
            for term in 0..=last_term {
                let covering: Vec<usize> = run
                    .clone()
                    .filter(|&c| candidates[c].exchange.covers(term))
                    .collect();
                if !covering.is_empty() {
                    usage
                        .covering
                        .entry((teacher, term))
                        .or_default()
                        .extend(covering);
                }
            }
            run_start = run_end;
        }
        for (c, candidate) in candidates.iter().enumerate() {
            let exchange = &candidate.exchange;
            for term in exchange.start_term..=exchange.end_term {
                let at_host = (exchange.host, exchange.subject, term);
                if exchange.kind.needs_mentor() {
                    usage.shadows.entry(at_host).or_default().push(c);
                }
                if exchange.kind.takes_secondment_place() {
                    usage
                        .secondees
                        .entry((exchange.host, term))
                        .or_default()
                        .push(c);
                }
                if exchange.kind.fills_post(ctx.policy) {
                    usage.arrivals.entry(at_host).or_default().push(c);
                }
                if candidate.needs_bed {
                    usage.beds.entry((exchange.host, term)).or_default().push(c);
                }
            }
        }
        for &(t, term) in usage.covering.keys() {
            let teacher = &ctx.dataset.teachers[t];
            usage
                .away
                .entry((teacher.school, term))
                .or_default()
                .push(t);
            usage
                .departures
                .entry((teacher.school, *teacher.primary_subject(), term))
                .or_default()
                .push(t);
        }
        for teachers in usage.away.values_mut().chain(usage.departures.values_mut()) {
            teachers.sort();
        }
        usage
    }
}

/// Sorted keys of a usage map, so rows come out in the same order every run
/// (HashMap order is random; the model must be byte-for-byte repeatable).
fn sorted_keys<K: Ord + Clone, V, S>(map: &HashMap<K, V, S>) -> Vec<K> {
    let mut keys: Vec<K> = map.keys().cloned().collect();
    keys.sort();
    keys
}

/// Builds the model of one unit: the candidates, every hard rule, and the
/// objective.
pub fn build(ctx: &Context) -> Model {
    build_with(ctx, Scope::Proven)
}

/// [`build`] over the candidates of `scope`.
pub fn build_with(ctx: &Context, scope: Scope) -> Model {
    let candidates::Candidates {
        list,
        lock_conflicts,
    } = candidates::candidates(ctx, scope);
    // Four reads of the candidate list, two by two in parallel.
    let ((swap_class, first_lp), (usage, (variables, chosen))) = rayon::join(
        || (swap_classes(ctx, &list), first_lp_flags(ctx, &list)),
        || (Usage::index(ctx, &list), candidate_variables(list.len())),
    );
    let mut model = Model {
        variables,
        helper_names: Vec::new(),
        candidates: list,
        chosen,
        swap_class,
        first_lp,
        rows: Vec::new(),
        objective: Linear::default(),
        objective_constant: 0.0,
        shortage_weight: 0.0,
        away: FnvHashMap::default(),
        shortage: BTreeMap::new(),
        lock_conflicts,
    };
    define_away_columns(&mut model, ctx, &usage);

    rules::one_exchange_per_teacher(&mut model, ctx, &usage);
    rules::locked_exchanges(&mut model, ctx, &usage);
    rules::dormitory_beds(&mut model, ctx, &usage);
    rules::departure_limit(&mut model, ctx, &usage);
    rules::host_capacity(&mut model, ctx, &usage);
    rules::mentor_capacity(&mut model, ctx, &usage);
    rules::keep_subject(&mut model, ctx, &usage);
    rules::secondment_places(&mut model, ctx, &usage);

    rules::couples_distance(&mut model, ctx, &usage);

    objective::add_all_tiers(&mut model, ctx, &usage);
    model
}

/// The candidates' binary columns, the first `candidates` of the model.
fn candidate_variables(candidates: usize) -> (ProblemVariables, Vec<Variable>) {
    let mut variables = ProblemVariables::new();
    let chosen = variables.add_vector(variable().binary(), candidates);
    (variables, chosen)
}

fn swap_classes(ctx: &Context, candidates: &[Candidate]) -> Vec<usize> {
    let mut classes: FnvHashMap<(SchoolIx, SchoolIx, &Subject), usize> = FnvHashMap::default();
    // Candidates come teacher by teacher, host by host: runs of one class.
    let mut last = None;
    candidates
        .iter()
        .map(|c| {
            let e = &c.exchange;
            let key = (ctx.dataset.teachers[e.teacher].school, e.host, &e.subject);
            match last {
                Some((last_key, class)) if last_key == key => class,
                _ => {
                    let next = classes.len();
                    let class = *classes.entry(key).or_insert(next);
                    last = Some((key, class));
                    class
                }
            }
        })
        .collect()
}

/// [`Model::first_lp`] of each candidate.
fn first_lp_flags(ctx: &Context, candidates: &[Candidate]) -> Vec<bool> {
    // Whether the teacher is locked or kept, and whether the host has room
    // for the subject in each term before any exchange: asked once per run
    // of candidates of one teacher, and of one host and subject.
    let mut teacher_fixed: Option<(TeacherIx, bool)> = None;
    let mut room: Option<(SchoolIx, &Subject, Vec<bool>)> = None;
    candidates
        .iter()
        .map(|candidate| {
            let e = &candidate.exchange;
            if !e.kind.fills_post(ctx.policy) {
                return true;
            }
            let fixed = match teacher_fixed {
                Some((t, fixed)) if t == e.teacher => fixed,
                _ => {
                    let fixed =
                        ctx.locks.contains_key(&e.teacher) || ctx.kept(e.teacher).is_some();
                    teacher_fixed = Some((e.teacher, fixed));
                    fixed
                }
            };
            if fixed {
                return true;
            }
            if !matches!(&room, Some((host, subject, _)) if *host == e.host && **subject == e.subject)
            {
                let terms = (0..ctx.horizon.len())
                    .map(|term| ctx.base_room(e.host, &e.subject, term) > 0)
                    .collect();
                room = Some((e.host, &e.subject, terms));
            }
            let has_room = room.as_ref().map_or(&[][..], |(_, _, terms)| &terms[..]);
            (e.start_term..=e.end_term).all(|term| has_room[term])
        })
        .collect()
}

/// One "away in this term" column per teacher and term (see [`Model::away`]).
fn define_away_columns(model: &mut Model, ctx: &Context, usage: &Usage) {
    for (t, term) in sorted_keys(&usage.covering) {
        let covering = &usage.covering[&(t, term)];
        let column = if let [only] = covering[..] {
            model.candidate_column(only)
        } else {
            let name = format!(
                "away[{},{}]",
                ctx.dataset.teachers[t].id, ctx.horizon.terms[term].id
            );
            model.sum_column(&name, variable().min(0.0).max(1.0), covering)
        };
        model.away.insert((t, term), column);
    }
}

/// `x[T0001>S07:english:support:0-1]`: teacher, host, subject, kind, terms.
fn column_name(ctx: &Context, candidate: &Candidate) -> String {
    let e = &candidate.exchange;
    mps_safe(&format!(
        "x[{}>{}:{}:{}:{}-{}]",
        ctx.dataset.teachers[e.teacher].id,
        ctx.dataset.schools[e.host].id,
        e.subject,
        e.kind,
        e.start_term,
        e.end_term
    ))
}

/// MPS names may not contain white space.
pub(crate) fn mps_safe(name: &str) -> String {
    if !name.contains(char::is_whitespace) {
        return name.to_owned(); // most names: one copy, not a push per char
    }
    name.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}
