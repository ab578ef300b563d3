//! Batches split across machines (SPEC §5): `solve --county` solves one
//! shard of the counties ([`select`]), `merge` makes the shards' outputs
//! into the set one run over all counties writes ([`merge`]).

pub(crate) mod merge;
pub(crate) mod select;
