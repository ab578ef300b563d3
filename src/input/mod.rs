pub mod diagnostics;
pub use diagnostics::{Diagnostic, Diagnostics};
