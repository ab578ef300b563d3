//! `rotaplan generate`: a realistic synthetic data set, deterministic for a
//! seed (SPEC §5).
//!
//! Each county is built in the order a bureau's records would grow:
//! [`geography`] places the schools (county town, towns, villages, teaching
//! points) and forms groups; [`posts`] sets each school's posts and staffing
//! per subject; [`staff`] creates the teachers; [`relations`] adds couples;
//! [`in_force`] the rotations of the two years before that still run;
//! [`relations`] then adds locks, forbidden pairs and preferences; [`write`] streams the county to the
//! CSV files, and [`stats`] sums up what was written. Every county draws from
//! its own ChaCha stream of the seed, so the output is byte-identical for a
//! seed on any platform, and only one county is ever held in memory.

mod geography;
mod in_force;
mod names;
mod posts;
mod relations;
mod staff;
mod stats;
mod write;

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::policy::{SecondmentPolicy, SolverPolicy};
use crate::domain::{Dataset, DemandFigure, Horizon, Policy, SchoolIx, Subject};
use geography::{Mix, Site};
use posts::SUBJECTS;
pub(crate) use stats::GenerateStats;

/// What to generate; maps one-to-one onto
/// `generate --counties N --schools-per-county S --teachers-per-school T --seed K OUT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateParams {
    pub counties: usize,
    pub schools_per_county: usize,
    /// Average teachers per school; urban schools get more, villages fewer.
    pub teachers_per_school: usize,
    pub seed: u64,
    /// Calendar year of the autumn term the data is planned for (e.g. 2027):
    /// the horizon starts on 1 September of it and every date in the data
    /// lies before that day.
    pub horizon_start_year: i32,
}

impl GenerateParams {
    /// The parameters of the shipped sample, `data/sample`.
    #[cfg(test)]
    pub(crate) fn sample() -> GenerateParams {
        GenerateParams {
            counties: 1,
            schools_per_county: 24,
            teachers_per_school: 29,
            seed: 2027,
            horizon_start_year: 2027,
        }
    }
}

/// Id formats. Widths are fixed for the whole data set (from its size), so
/// ids sort in file order and never collide across counties.
pub(crate) struct Ids {
    county: usize,
    school: usize,
    teacher: usize,
    group: usize,
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

impl Ids {
    fn new(p: &GenerateParams) -> Ids {
        let schools = p.counties * p.schools_per_county;
        // Sizes are scaled so a county has about schools x teachers; with
        // the floor of six posts per school, this is a safe bound.
        let teachers = schools * (2 * p.teachers_per_school + 12);
        let groups = p.counties * Mix::for_schools(p.schools_per_county).max_groups();
        Ids {
            county: digits(p.counties).max(2),
            school: digits(p.schools_per_county).max(3),
            teacher: digits(teachers).max(6),
            group: digits(groups).max(2),
        }
    }

    /// `S01007`: county 1, school 7.
    pub(crate) fn school(&self, county: usize, school: usize) -> String {
        format!(
            "S{:0cw$}{:0sw$}",
            county + 1,
            school + 1,
            cw = self.county,
            sw = self.school
        )
    }

    /// `T000123`.
    pub(crate) fn teacher(&self, n: usize) -> String {
        format!("T{:0w$}", n, w = self.teacher)
    }

    /// `G01`.
    pub(crate) fn group(&self, n: usize) -> String {
        format!("G{:0w$}", n, w = self.group)
    }
}

/// The planning horizon of a data set for `year`: its autumn term and the
/// following spring term.
pub(crate) fn horizon_for(year: i32) -> Horizon {
    let new_year = NaiveDate::from_ymd_opt(year, 1, 1).expect("year in range");
    Horizon::next_school_year(new_year)
}

/// The gap a generated `policy.toml` asks for. A county with refills has
/// many rosters within a few lower-tier points of each other (trades that
/// send a senior teacher or a volunteer); HiGHS finds the best in seconds
/// but takes minutes to prove the last points at gap 0. On the sample, 1e-4
/// of the objective is a fifth of one post-term of shortage.
const GENERATED_MIP_GAP: f64 = 1e-4;

/// The cadre exchange a generated `policy.toml` asks of every group: one
/// cadre seconded each way a year, as county alliance reports ask ("2
/// school leaders each way" for a large group; one for these).
const GENERATED_CADRES_EACH_WAY: u32 = 1;

/// The most teachers one generated data set may have: a large province
/// (issue 14: 10^5 x 1000 x 1000 ran until killed).
pub(crate) const MAX_TEACHERS: usize = 2_000_000;

/// Writes a synthetic data set into `out`: the eight CSV files of SPEC §3
/// and a fully commented `policy.toml`. `out` must not exist or be an
/// empty folder: a data set is never overwritten. The files are written
/// into a temporary folder beside `out`, renamed to `out` when complete,
/// so a killed run leaves no half-written data set.
pub fn generate(params: &GenerateParams, out: &Path) -> io::Result<GenerateStats> {
    let invalid = |message: String| io::Error::new(io::ErrorKind::InvalidInput, message);
    if params.counties == 0 || params.schools_per_county == 0 || params.teachers_per_school == 0 {
        return Err(invalid(
            "counties, schools per county and teachers per school must each be at least 1".into(),
        ));
    }
    let teachers = params
        .counties
        .checked_mul(params.schools_per_county)
        .and_then(|schools| schools.checked_mul(params.teachers_per_school));
    if teachers.is_none_or(|t| t > MAX_TEACHERS) {
        return Err(invalid(format!(
            "{} x {} x {} teachers is more than the {MAX_TEACHERS} of a large province; \
             ask for fewer counties, schools or teachers",
            params.counties, params.schools_per_county, params.teachers_per_school
        )));
    }
    if !(1900..=9000).contains(&params.horizon_start_year) {
        return Err(invalid(format!(
            "horizon start year {} is out of range",
            params.horizon_start_year
        )));
    }
    if out.exists() && (!out.is_dir() || std::fs::read_dir(out)?.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it already exists and is not an empty folder; give a new folder \
             (a data set is never overwritten)",
        ));
    }
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rotaplan-generate-");
    crate::output::set::with_umask(&mut builder, 0o777);
    let temp = builder.tempdir_in(parent)?;
    let stats = write_data_set(params, temp.path())?;
    crate::hooks::point("generate:written")?;
    std::fs::rename(temp.path(), out)?;
    crate::output::set::sync_dir(parent);
    Ok(stats)
}

/// [`generate`]'s files, into the folder `out`.
fn write_data_set(params: &GenerateParams, out: &Path) -> io::Result<GenerateStats> {
    let horizon = horizon_for(params.horizon_start_year);
    let policy = Policy {
        solver: SolverPolicy {
            mip_gap: GENERATED_MIP_GAP,
            ..SolverPolicy::default()
        },
        secondment: SecondmentPolicy {
            min_each_way: GENERATED_CADRES_EACH_WAY,
            ..SecondmentPolicy::default()
        },
        ..Policy::default()
    };
    write::policy(out, &horizon, &policy)?;

    let ids = Ids::new(params);
    let mut writers = write::Writers::create(out)?;
    let mut stats = GenerateStats::default();
    let mut counters = Counters::default();
    let name_offset = ChaCha8Rng::seed_from_u64(params.seed).gen_range(0..400);
    for c in 0..params.counties {
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        rng.set_stream(c as u64 + 1);
        let name = names::county(c, name_offset);
        let county = build_county(
            &mut rng,
            params,
            &ids,
            c,
            &name,
            &horizon,
            &policy,
            &mut counters,
        );
        stats.add_county(&county.data, &county.sites, &county.km, &policy, &horizon);
        writers.county(&county.data, &county.distances)?;
    }
    writers.finish()?;
    Ok(stats)
}

/// Running numbers that continue from county to county.
#[derive(Default)]
struct Counters {
    teacher: usize,
    group: usize,
}

struct BuiltCounty {
    data: Dataset,
    sites: Vec<Site>,
    distances: Vec<(SchoolIx, SchoolIx, f64)>,
    km: Vec<Vec<f64>>,
}

#[allow(clippy::too_many_arguments)]
fn build_county(
    rng: &mut ChaCha8Rng,
    params: &GenerateParams,
    ids: &Ids,
    county_ix: usize,
    county: &str,
    horizon: &Horizon,
    policy: &Policy,
    counters: &mut Counters,
) -> BuiltCounty {
    let first_day = horizon.first_day();
    let layout = geography::lay_out(
        rng,
        ids,
        county_ix,
        county,
        params.schools_per_county,
        params.teachers_per_school,
        &mut counters.group,
    );
    let mut data = Dataset {
        schools: layout.schools.iter().map(|p| p.school.clone()).collect(),
        ..Dataset::default()
    };
    for (ix, planned) in layout.schools.iter().enumerate() {
        let staffing = posts::staff(rng, planned);
        data.demand.extend(demand_rows(ix, &staffing, horizon));
        let next_id = || {
            counters.teacher += 1;
            ids.teacher(counters.teacher)
        };
        let teachers = staff::teachers(rng, ix, planned, &staffing, first_day, next_id);
        data.teachers.extend(teachers);
    }
    for &(a, b, km) in &layout.distance_overrides {
        data.distance_overrides.insert((a, b), km);
        data.distance_overrides.insert((b, a), km);
    }
    let km = relations::distance_matrix(&data, policy);
    relations::marry(rng, &mut data, &km, first_day);
    in_force::rotations_in_force(rng, &mut data, &km, policy, horizon);
    let wishes = relations::wishes(rng, &data, &km, policy, horizon);
    data.locks = wishes.locks;
    data.forbidden = wishes.forbidden;
    data.preferences = wishes.preferences;
    BuiltCounty {
        data,
        sites: layout.schools.iter().map(|p| p.site).collect(),
        distances: layout.distance_overrides,
        km,
    }
}

/// Demand of one school: every subject with posts, plus the spring term's
/// own figure where a class opens mid-year.
fn demand_rows(
    school: SchoolIx,
    staffing: &posts::Staffing,
    horizon: &Horizon,
) -> BTreeMap<(SchoolIx, Subject), DemandFigure> {
    let mut rows = BTreeMap::new();
    for (i, spec) in SUBJECTS.iter().enumerate() {
        let posts = staffing.posts[i];
        if posts == 0 {
            continue;
        }
        let mut figure = DemandFigure {
            every_term: Some(posts),
            by_term: BTreeMap::new(),
        };
        if staffing.spring_extra == Some(i) {
            if let Some(spring) = horizon.terms.get(1) {
                figure.by_term.insert(spring.id.clone(), posts + 1);
            }
        }
        rows.insert((school, Subject::new(spec.name)), figure);
    }
    rows
}

#[cfg(test)]
mod tests;
