//! `solve --export-model` (SPEC §5, issue 14): the file is the exact model,
//! with its objective constant and unique rule-named rows, so another
//! solver reading it finds the run's objective; a write that fails (full
//! disk) is an error and leaves no file.

mod cli_support;

use std::ffi::{CStr, CString};
use std::path::Path;

use cli_support::{assert_exit, solve, stderr, Sample};

/// Reads an MPS file with HiGHS and solves it: (objective, row names).
fn solve_mps(path: &Path) -> (f64, Vec<String>) {
    let file = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a fresh Highs object, used and destroyed here; buffers are
    // as long as HiGHS's longest name.
    unsafe {
        let highs = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(highs, c"output_flag".as_ptr(), 0);
        assert_ne!(
            highs_sys::Highs_readModel(highs, file.as_ptr()),
            highs_sys::STATUS_ERROR
        );
        assert_ne!(highs_sys::Highs_run(highs), highs_sys::STATUS_ERROR);
        let objective = highs_sys::Highs_getObjectiveValue(highs);
        let rows = highs_sys::Highs_getNumRow(highs);
        let mut names = Vec::new();
        let mut buffer = vec![0 as std::ffi::c_char; 1024];
        for row in 0..rows {
            highs_sys::Highs_getRowName(highs, row, buffer.as_mut_ptr());
            names.push(
                CStr::from_ptr(buffer.as_ptr())
                    .to_string_lossy()
                    .into_owned(),
            );
        }
        highs_sys::Highs_destroy(highs);
        (objective, names)
    }
}

#[test]
fn the_exported_model_has_the_runs_optimum_and_its_rule_named_rows() {
    let sample = Sample::new();
    let model = sample.file("model.mps");
    let output = solve(&sample.data(), &["--export-model", model.to_str().unwrap()]);
    assert_exit(&output, 0);
    let summary = cli_support::summary(&sample.out());
    let expected = summary["objective"].as_f64().unwrap();

    let (objective, rows) = solve_mps(&model);
    // Both are within the sample policy's gap (1e-4) of the optimum; a
    // missing constant is 3 % off.
    let gap = summary["mip_gap"].as_f64().unwrap().max(1e-4);
    assert!(
        (objective - expected).abs() <= 2.0 * gap * expected.abs().max(1.0),
        "the exported model's optimum {objective} is not the run's {expected}"
    );
    let mut unique = rows.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), rows.len(), "row names repeat");
    assert!(rows
        .iter()
        .all(|name| !name.starts_with("r0") && !name.is_empty()));
    assert!(
        rows.iter().any(|name| name.starts_with("r8_couple[")),
        "couple rows"
    );
}

#[test]
fn a_failed_model_write_is_an_error_and_leaves_no_file() {
    let sample = Sample::new();
    let dir = sample.file("models");
    std::fs::create_dir(&dir).unwrap();
    let model = dir.join("model.mps");
    let output = cli_support::rotaplan()
        .arg("solve")
        .arg(sample.data())
        .args(["--as-of", cli_support::AS_OF, "--export-model"])
        .arg(&model)
        .env(rotaplan::hooks::VARIABLE, "fail@export")
        .output()
        .unwrap();
    assert_exit(&output, 4);
    assert!(stderr(&output).contains("model.mps"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a file was left"
    );
    assert!(!sample.out().exists(), "nothing was solved or written");
}

/// The real thing, where the machine allows mounting a tiny file system
/// (root on Linux): HiGHS's own writer runs out of space.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_and_leaves_no_file() {
    let mount = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(mount.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("cannot mount a tmpfs here; the injected-error test covers this");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(mount.path());
    let sample = Sample::new();
    let model = mount.path().join("model.mps");
    let output = solve(&sample.data(), &["--export-model", model.to_str().unwrap()]);
    assert_exit(&output, 4);
    assert!(stderr(&output).contains("cut short"), "{}", stderr(&output));
    assert_eq!(std::fs::read_dir(mount.path()).unwrap().count(), 0);
}
