//! The trait implementations every generated enum has, written once: generated code calls
//! `string_enum_traits!` or `int_enum_traits!` after defining the enum, its `From`
//! conversion from the wire value and its accessor (`as_str` or `value`). A spec without string
//! (or integer) enums leaves a macro unused, hence the `allow`s.

/// `FromStr` (never fails: an unknown value is `Unknown`), `Display`, `Serialize` and
/// `Deserialize` for a string enum with `as_str(&self) -> &str` and `From<&str>`.
#[allow(unused_macros)]
macro_rules! string_enum_traits {
    ($name:ident) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum_traits;

/// `Display`, `Serialize` and `Deserialize` for an integer enum over `$int` with
/// `value(&self) -> $int` and `From<$int>`.
#[allow(unused_macros)]
macro_rules! int_enum_traits {
    ($name:ident, $int:ty) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <$int as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_traits;

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    enum Colour {
        Red,
        Unknown(String),
    }

    impl Colour {
        fn as_str(&self) -> &str {
            match self {
                Colour::Red => "red",
                Colour::Unknown(v) => v,
            }
        }
    }

    impl From<&str> for Colour {
        fn from(value: &str) -> Self {
            match value {
                "red" => Colour::Red,
                other => Colour::Unknown(other.to_string()),
            }
        }
    }

    string_enum_traits!(Colour);

    #[derive(Debug, PartialEq)]
    enum Level {
        One,
        Unknown(i32),
    }

    impl Level {
        fn value(&self) -> i32 {
            match self {
                Level::One => 1,
                Level::Unknown(v) => *v,
            }
        }
    }

    impl From<i32> for Level {
        fn from(value: i32) -> Self {
            match value {
                1 => Level::One,
                other => Level::Unknown(other),
            }
        }
    }

    int_enum_traits!(Level, i32);

    #[test]
    fn string_enums_round_trip_and_keep_unknown_values() {
        assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), r#""red""#);
        assert_eq!(serde_json::from_str::<Colour>(r#""red""#).unwrap(), Colour::Red);
        let blue: Colour = serde_json::from_str(r#""blue""#).unwrap();
        assert_eq!(blue, Colour::Unknown("blue".into()));
        assert_eq!(serde_json::to_string(&blue).unwrap(), r#""blue""#);
        assert_eq!("red".parse::<Colour>(), Ok(Colour::Red));
        assert_eq!(Colour::Red.to_string(), "red");
        assert!(serde_json::from_str::<Colour>("1").is_err());
    }

    #[test]
    fn int_enums_round_trip_and_keep_unknown_values() {
        assert_eq!(serde_json::to_string(&Level::One).unwrap(), "1");
        assert_eq!(serde_json::from_str::<Level>("7").unwrap(), Level::Unknown(7));
        assert_eq!(Level::Unknown(7).to_string(), "7");
        assert!(serde_json::from_str::<Level>(r#""1""#).is_err());
    }
}
