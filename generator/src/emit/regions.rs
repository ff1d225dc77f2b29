//! `src/regions.rs` (only for a spec with regions): the region table the runtime resolves
//! endpoints from, and a `Region` enum over it for code that names a region.

use super::types::doc_attrs;
use crate::ir::Api;
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The file.
pub fn file(api: &Api) -> TokenStream {
    let variants = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        let doc = format!(" `{}`: `{}`.", r.id, r.endpoint);
        quote!(#[doc = #doc] #v,)
    });
    let all = api.regions.iter().map(|r| {
        let v = ident(&r.rust_name);
        quote!(Region::#v)
    });
    let entries = api.regions.iter().map(|r| {
        let (id, endpoint) = (&r.id, &r.endpoint);
        quote!(runtime::service::RegionEntry { id: #id, endpoint: #endpoint },)
    });
    let count = api.regions.len();
    let default = api.default_region.as_ref().and_then(|d| {
        let r = api.regions.iter().find(|r| &r.id == d)?;
        let v = ident(&r.rust_name);
        let doc = doc_attrs(Some(&format!(
            "The default region, `{d}` (the spec's default)."
        )));
        let default_doc = format!(" [`Region::DEFAULT`], `{d}`.");
        Some(quote! {
            impl Region {
                #doc
                pub const DEFAULT: Region = Region::#v;
            }

            impl Default for Region {
                #[doc = #default_doc]
                fn default() -> Self {
                    Region::DEFAULT
                }
            }
        })
    });
    quote! {
        //! Regions and their endpoints, from the spec's `servers`. The table is a convenience, not
        //! a whitelist: a region that is not listed is reached by giving its endpoint explicitly
        //! (`ClientBuilder::endpoint_url`).

        pub use runtime::UnknownRegion;

        /// The region table, in the order of [`Region`]'s variants.
        pub const REGIONS: &[runtime::service::RegionEntry; #count] = &[#(#entries)*];

        /// A region of the service, with its endpoint.
        ///
        /// Parse an ID with [`Region::from_id`] (an `Option`), `str::parse` or `TryFrom` (an
        /// `UnknownRegion` error); an unknown ID is never a panic.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Region {
            #(#variants)*
        }

        impl Region {
            /// Every region, in the spec's order.
            pub const ALL: &'static [Region; #count] = &[#(#all),*];

            /// The region ID.
            #[must_use]
            pub const fn id(self) -> &'static str {
                REGIONS[self as usize].id
            }

            /// The endpoint URL of the service in this region.
            #[must_use]
            pub const fn endpoint(self) -> &'static str {
                REGIONS[self as usize].endpoint
            }

            /// The region with this ID (surrounding whitespace and ASCII case are ignored), or
            /// `None` when it is not in the table.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Region> {
                let id = id.trim();
                Region::ALL.iter().copied().find(|r| r.id().eq_ignore_ascii_case(id))
            }
        }

        #default

        impl ::std::fmt::Display for Region {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl ::std::str::FromStr for Region {
            type Err = UnknownRegion;

            fn from_str(id: &str) -> Result<Self, Self::Err> {
                Region::from_id(id).ok_or_else(|| UnknownRegion::in_service(id, &crate::client::SERVICE))
            }
        }

        impl TryFrom<&str> for Region {
            type Error = UnknownRegion;

            fn try_from(id: &str) -> Result<Self, Self::Error> {
                id.parse()
            }
        }

        impl TryFrom<String> for Region {
            type Error = UnknownRegion;

            fn try_from(id: String) -> Result<Self, Self::Error> {
                id.parse()
            }
        }

        impl runtime::ClientBuilder {
            /// Sends requests to the endpoint of `region` (unless an explicit endpoint is given).
            #[must_use]
            pub fn region(self, region: Region) -> Self {
                self.region_id(region.id())
            }
        }
    }
}
