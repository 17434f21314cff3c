//! Fee benchmark (SPEC §5) — placeholder until the fee benchmark issue lands.

use crate::error::Error;
use crate::statement::ParamUse;
use serde::{Deserialize, Serialize};

/// Request section `fee_benchmark`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FeeBenchmarkRequest {}

impl FeeBenchmarkRequest {
    /// Checks the section.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self) -> Result<(), Error> {
        Ok(())
    }
}

/// Result section `fee_benchmark`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FeeBenchmarkResult {
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

pub(crate) fn compute(
    _r: &FeeBenchmarkRequest,
    _ctx: &crate::lines::Ctx<'_>,
) -> Result<FeeBenchmarkResult, Error> {
    Ok(FeeBenchmarkResult::default())
}
