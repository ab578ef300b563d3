//! Times HiGHS on the LP relaxation of a model written by
//! `rotaplan solve --export-model`: the reference the solver's own time is
//! compared with (issue 13: "proven optimal in at most twice the time HiGHS
//! takes for the LP relaxation of the same exported model").
//!
//! ```text
//! cargo run --release --example lp_relaxation -- MODEL.mps [OPTION=VALUE ...]
//! ```
//!
//! Each `OPTION=VALUE` is set on HiGHS before the solve (for example
//! `threads=1`, `presolve=off`, `dual_simplex_cost_perturbation_multiplier=0`,
//! `output_flag=true` for its log). Prints one line: HiGHS's model status,
//! the LP's objective and the seconds the solve took (reading excluded).

use std::ffi::CString;
use std::process::ExitCode;
use std::time::Instant;

use highs_sys::{HighsInt, STATUS_ERROR};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: lp_relaxation MODEL.mps [OPTION=VALUE ...]");
        return ExitCode::from(2);
    };
    match relaxation(&path, args.collect()) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lp_relaxation: {message}");
            ExitCode::FAILURE
        }
    }
}

fn c_string(text: &str) -> Result<CString, String> {
    CString::new(text).map_err(|_| format!("{text:?} contains a NUL byte"))
}

fn relaxation(path: &str, options: Vec<String>) -> Result<String, String> {
    let file = c_string(path)?;
    // SAFETY: `highs` is a live HiGHS object from `Highs_create` until
    // `Highs_destroy`; every pointer passed is valid for the call.
    unsafe {
        let highs = highs_sys::Highs_create();
        let result = (|| {
            for option in &options {
                let (key, value) = option
                    .split_once('=')
                    .ok_or_else(|| format!("{option:?} is not OPTION=VALUE"))?;
                let (key_c, value_c) = (c_string(key)?, c_string(value)?);
                if highs_sys::Highs_setOptionValue(highs, key_c.as_ptr(), value_c.as_ptr())
                    == STATUS_ERROR
                {
                    return Err(format!("HiGHS rejected {key}={value}"));
                }
            }
            if highs_sys::Highs_readModel(highs, file.as_ptr()) == STATUS_ERROR {
                return Err(format!("HiGHS could not read {path}"));
            }
            let columns = highs_sys::Highs_getNumCol(highs);
            let continuous = vec![0 as HighsInt; columns as usize];
            if columns > 0
                && highs_sys::Highs_changeColsIntegralityByRange(
                    highs,
                    0,
                    columns - 1,
                    continuous.as_ptr(),
                ) == STATUS_ERROR
            {
                return Err("HiGHS could not relax the integrality".into());
            }
            let started = Instant::now();
            if highs_sys::Highs_run(highs) == STATUS_ERROR {
                return Err("HiGHS failed to solve the LP".into());
            }
            let seconds = started.elapsed().as_secs_f64();
            let status = highs_sys::Highs_getModelStatus(highs);
            let objective = highs_sys::Highs_getObjectiveValue(highs);
            Ok(format!(
                "status {status} objective {objective:.6} seconds {seconds:.2}"
            ))
        })();
        highs_sys::Highs_destroy(highs);
        result
    }
}
