//! Typed ids: what a reference resolves to, so a dimension can never be looked up by an
//! assessment's position, and `site.frameworks[a.framework]` says what it means.

use serde::Serialize;

/// Defines an id type that indexes one typed vector ([`typed_index_collections::TiVec`]).
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl From<usize> for $name {
            fn from(position: usize) -> Self {
                $name(position)
            }
        }

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.0
            }
        }
    };
}

typed_id!(
    /// A framework of the site.
    FrameworkId
);
typed_id!(
    /// A domain within its framework.
    DomainId
);
typed_id!(
    /// A dimension within its framework.
    DimensionId
);
typed_id!(
    /// A level of a framework's scale.
    LevelId
);
typed_id!(
    /// An organisational unit.
    UnitId
);
typed_id!(
    /// An assessment.
    AssessmentId
);
typed_id!(
    /// A peer benchmark.
    BenchmarkId
);
typed_id!(
    /// A peer within its benchmark.
    PeerId
);
typed_id!(
    /// An IT QMS component.
    QmsId
);
typed_id!(
    /// An entry of the improvement register.
    ImprovementId
);
typed_id!(
    /// A narrative page.
    PageId
);

impl UnitId {
    /// The organisation as a whole: the unit of every assessment that names none.
    pub const ORGANISATION: UnitId = UnitId(0);
}

/// A dimension of some framework: the reference improvements and QMS components hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DimensionRef {
    /// Its framework.
    pub framework: FrameworkId,
    /// The dimension within it.
    pub dimension: DimensionId,
}
