//! API change report between two lowered specs. (Being written.)
