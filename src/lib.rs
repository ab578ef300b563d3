//! rotaplan: plans a county's teacher exchanges (交流轮岗, 支教, 跟岗学习)
//! with a mixed-integer model solved by HiGHS.
//!
//! The crate is laid out along the way data flows:
//! [`input`] loads and validates a data set into the [`domain`] types;
//! [`model`] turns them into a MIP, one function per rule of the spec;
//! [`solve`] runs HiGHS and reads the roster back; [`output`] writes the
//! roster, coverage, summary and report page atomically; [`check`] re-checks
//! any roster against the hard rules from the data alone and scores it tier
//! by tier; [`advise`] answers `explain` and `suggest` with re-optimized
//! rosters; [`whatif`] solves variations of the policy side by side;
//! [`batch`] solves a shard of the counties and merges the shards' outputs.
//! The `rotaplan` binary is a thin command-line layer over [`cli`].

pub mod advise;
pub(crate) mod batch;
pub mod check;
pub mod cli;
pub mod domain;
pub mod generate;
pub mod hooks;
pub mod input;
pub(crate) mod lang;
pub mod model;
pub mod output;
pub mod plan;
pub mod report;
pub mod roster;
pub mod solve;
pub mod whatif;
