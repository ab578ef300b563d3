//! The HiGHS C API calls the `highs` crate does not wrap. Each checks the
//! status HiGHS returns and turns an error into the run's error message
//! (a warning is not an error: HiGHS warns, for example, about tiny
//! coefficients it drops).

use highs::Model;
use highs_sys::HighsInt;

use super::columns::Batch;

/// `Ok` unless HiGHS answered `call` with an error.
pub(crate) fn checked(status: HighsInt, call: &str) -> Result<(), String> {
    if status == highs_sys::STATUS_ERROR {
        Err(format!("HiGHS failed in {call}"))
    } else {
        Ok(())
    }
}

/// Starts HiGHS's run clock again from 0 (see `rens::limit_time`).
pub(crate) fn zero_clocks(model: &mut Model) -> Result<(), String> {
    // SAFETY: the pointer is a live Highs object.
    let status = unsafe { highs_sys::Highs_zeroAllClocks(model.as_mut_ptr()) };
    checked(status, "Highs_zeroAllClocks")
}

/// The value of HiGHS's integer option `name` (a name HiGHS knows).
pub(crate) fn int_option(model: &mut Model, name: &str) -> Result<HighsInt, String> {
    let key = std::ffi::CString::new(name).map_err(|_| format!("bad option name {name:?}"))?;
    let mut value: HighsInt = 0;
    // SAFETY: the pointer is a live Highs object; `key` is NUL-terminated
    // and outlives the call; `value` is a valid place for one HighsInt.
    let status =
        unsafe { highs_sys::Highs_getIntOptionValue(model.as_mut_ptr(), key.as_ptr(), &mut value) };
    checked(status, "Highs_getIntOptionValue")?;
    Ok(value)
}

/// Appends `batch`'s columns to the model (an LP: continuous). HiGHS keeps
/// its basis, with the new columns nonbasic at their lower bound 0, so the
/// next solve starts from the last optimal basis, still primal feasible.
pub(crate) fn add_columns(model: &mut Model, batch: &Batch) -> Result<(), String> {
    let columns = batch.cost.len() as HighsInt;
    let entries = batch.value.len() as HighsInt;
    // SAFETY: the pointer is a live Highs object; the arrays are as long
    // as the counts passed with them, and every row index is a row of the
    // model (the batch is of the same model's columns).
    let status = unsafe {
        highs_sys::Highs_addCols(
            model.as_mut_ptr(),
            columns,
            batch.cost.as_ptr(),
            batch.lower.as_ptr(),
            batch.upper.as_ptr(),
            entries,
            batch.start.as_ptr(),
            batch.index.as_ptr(),
            batch.value.as_ptr(),
        )
    };
    checked(status, "Highs_addCols")
}

/// Appends `batch`'s rows to the model. HiGHS keeps its basis, with the
/// new rows' slacks basic, so the next solve starts from the last optimal
/// basis, still dual feasible (a dual simplex warm start).
pub(crate) fn add_rows(model: &mut Model, batch: &Batch) -> Result<(), String> {
    let rows = batch.lower.len() as HighsInt;
    let entries = batch.value.len() as HighsInt;
    // SAFETY: the pointer is a live Highs object; the arrays are as long
    // as the counts passed with them, and every column index is a column
    // of the model (the batch maps the model's columns to HiGHS's).
    let status = unsafe {
        highs_sys::Highs_addRows(
            model.as_mut_ptr(),
            rows,
            batch.lower.as_ptr(),
            batch.upper.as_ptr(),
            entries,
            batch.start.as_ptr(),
            batch.index.as_ptr(),
            batch.value.as_ptr(),
        )
    };
    checked(status, "Highs_addRows")
}

/// Deletes the columns `mask` marks with 1 (one entry per column of the
/// model); the others keep their order. Deleting only nonbasic columns
/// keeps HiGHS's basis, so the next solve is still a warm one.
pub(crate) fn delete_columns(model: &mut Model, mask: &mut [HighsInt]) -> Result<(), String> {
    let (columns, _) = size(model);
    if mask.len() != columns {
        return Err(format!(
            "a mask of {} for HiGHS's {columns} columns",
            mask.len()
        ));
    }
    // SAFETY: the pointer is a live Highs object; the mask has one entry
    // per column of the model (checked), which HiGHS overwrites with the
    // columns' new indices.
    let status =
        unsafe { highs_sys::Highs_deleteColsByMask(model.as_mut_ptr(), mask.as_mut_ptr()) };
    checked(status, "Highs_deleteColsByMask")
}

/// The model's columns and rows.
fn size(model: &mut Model) -> (usize, usize) {
    // SAFETY: the pointer is a live Highs object.
    let (columns, rows) = unsafe {
        (
            highs_sys::Highs_getNumCol(model.as_mut_ptr()),
            highs_sys::Highs_getNumRow(model.as_mut_ptr()),
        )
    };
    (columns.max(0) as usize, rows.max(0) as usize)
}

/// The basis status (`kHighsBasisStatus`) of each of the model's columns
/// and rows, after a solve.
pub(crate) fn basis(model: &mut Model) -> Result<(Vec<HighsInt>, Vec<HighsInt>), String> {
    let (columns, rows) = size(model);
    let mut column_status = vec![0; columns];
    let mut row_status = vec![0; rows];
    // SAFETY: the pointer is a live Highs object; the arrays are as long
    // as its columns and rows.
    let status = unsafe {
        highs_sys::Highs_getBasis(
            model.as_mut_ptr(),
            column_status.as_mut_ptr(),
            row_status.as_mut_ptr(),
        )
    };
    checked(status, "Highs_getBasis")?;
    Ok((column_status, row_status))
}

/// Gives the model the basis statuses `columns` and `rows` (one per column
/// and row of the model), for a warm start.
pub(crate) fn set_basis(
    model: &mut Model,
    columns: &[HighsInt],
    rows: &[HighsInt],
) -> Result<(), String> {
    if size(model) != (columns.len(), rows.len()) {
        return Err(format!(
            "a basis of {} columns and {} rows for HiGHS's {:?}",
            columns.len(),
            rows.len(),
            size(model)
        ));
    }
    // SAFETY: the pointer is a live Highs object; the arrays have one entry
    // per column and per row of the model (checked).
    let status =
        unsafe { highs_sys::Highs_setBasis(model.as_mut_ptr(), columns.as_ptr(), rows.as_ptr()) };
    checked(status, "Highs_setBasis")
}

/// Fixes the columns `columns` (HiGHS's indices) at 1.
pub(crate) fn fix_at_one(model: &mut Model, columns: &[HighsInt]) -> Result<(), String> {
    let one = vec![1.0; columns.len()];
    // SAFETY: the pointer is a live Highs object; the arrays are as long
    // as the count passed with them, and every index is a column of the
    // model.
    let status = unsafe {
        highs_sys::Highs_changeColsBoundsBySet(
            model.as_mut_ptr(),
            columns.len() as HighsInt,
            columns.as_ptr(),
            one.as_ptr(),
            one.as_ptr(),
        )
    };
    checked(status, "Highs_changeColsBoundsBySet")
}

/// Sets the constant added to the objective.
pub(crate) fn set_objective_offset(model: &mut Model, offset: f64) -> Result<(), String> {
    // SAFETY: the pointer is a live Highs object.
    let status = unsafe { highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), offset) };
    checked(status, "Highs_changeObjectiveOffset")
}
