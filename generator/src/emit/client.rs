//! The client: HTTP request building, response parsing, the `Client` type, regions and
//! examples. (Being written.)

use crate::ir::{Api, Operation};
use proc_macro2::TokenStream;

/// Items appended to `src/operations/{op}.rs`: building the HTTP request, parsing the response.
pub fn for_operation(_api: &Api, _op: &Operation) -> TokenStream {
    TokenStream::new()
}

/// `src/client.rs`, if the crate has a client.
pub fn client_file(_api: &Api) -> Option<TokenStream> {
    None
}

/// `src/regions.rs`, if the spec has regions.
pub fn regions_file(_api: &Api) -> Option<TokenStream> {
    None
}

/// Example programs: `(file stem, tokens)` for `examples/{stem}.rs`.
pub fn examples(_api: &Api) -> Vec<(String, TokenStream)> {
    Vec::new()
}
