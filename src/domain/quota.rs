//! The exchange quota arithmetic (交流比例, SPEC §2 policy targets), shared by
//! the model, the summary and the checker so all three round the same way.

/// `fraction` of `count`, rounded up; a tiny tolerance keeps 0.1 x 30 at 3
/// despite floating point.
pub(crate) fn at_least(fraction: f64, count: usize) -> usize {
    (fraction * count as f64 - 1e-9).ceil().max(0.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up() {
        assert_eq!(at_least(0.10, 30), 3);
        assert_eq!(at_least(0.10, 31), 4);
        assert_eq!(at_least(0.20, 0), 0);
        assert_eq!(at_least(0.20, 1), 1);
    }
}
