//! `#[derive(PluginOptions)]`: a plugin's or loader's options, declared once.
//!
//! The struct that carries `#[napi(object, object_from_js = false, object_to_js = false)]` (the
//! source of the TypeScript interface) derives `PluginOptions` too, and from its fields come the
//! option keys (each field's name in camelCase, as NAPI-RS names it), the reader that checks every
//! value with a message naming the option, and the list of options users give a function. A field
//! of type `Option<T>` may be left out; any other field is required. Every field's type
//! implements `rspack_native_plugin_options::OptionValue`.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::{
  Data, DeriveInput, Fields, GenericArgument, PathArguments, Type, parse_macro_input,
  spanned::Spanned,
};

/// Implements `PluginOptions` and `OptionValue` (as a nested object) for a struct with named
/// fields.
#[proc_macro_derive(PluginOptions)]
pub fn derive_plugin_options(input: TokenStream) -> TokenStream {
  let input = parse_macro_input!(input as DeriveInput);
  expand(&input)
    .unwrap_or_else(syn::Error::into_compile_error)
    .into()
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
  let Data::Struct(data) = &input.data else {
    return Err(syn::Error::new(
      input.span(),
      "PluginOptions is derived for structs only",
    ));
  };
  let Fields::Named(fields) = &data.fields else {
    return Err(syn::Error::new(
      input.span(),
      "PluginOptions needs named fields: each one is an option",
    ));
  };
  let name = &input.ident;
  let krate = quote!(::rspack_native_plugin_options);
  let mut keys = Vec::new();
  let mut reads = Vec::new();
  let mut function_checks = Vec::new();
  for field in &fields.named {
    let ident = field.ident.as_ref().expect("named field");
    let key = camel_case(&ident.to_string());
    let (value_type, required) = match option_inner(&field.ty) {
      Some(inner) => (inner, false),
      None => (&field.ty, true),
    };
    reads.push(if required {
      quote!(#ident: reader.required::<#value_type>(#key)?)
    } else {
      quote!(#ident: reader.get::<#value_type>(#key)?)
    });
    function_checks.push(quote! {
      if <#value_type as #krate::OptionValue>::MAY_BE_FUNCTION {
        names.push(#key);
      }
    });
    keys.push(key);
  }
  Ok(quote! {
    #[automatically_derived]
    impl #krate::PluginOptions for #name {
      const KEYS: &'static [&'static str] = &[#(#keys),*];

      fn function_options() -> ::std::vec::Vec<&'static str> {
        let mut names = ::std::vec::Vec::new();
        #(#function_checks)*
        names
      }

      fn from_reader(reader: &#krate::OptionsReader<'_>) -> ::napi::Result<Self> {
        ::std::result::Result::Ok(Self { #(#reads),* })
      }
    }

    #[automatically_derived]
    impl #krate::OptionValue for #name {
      const TYPE: #krate::JsType = #krate::JsType::Object;

      fn read(
        reader: &#krate::OptionsReader<'_>,
        key: &str,
        value: ::napi::bindgen_prelude::Unknown<'_>,
      ) -> ::napi::Result<Self> {
        let nested = reader.nested_object(key, value)?;
        nested.check_keys(<Self as #krate::PluginOptions>::KEYS, &[])?;
        <Self as #krate::PluginOptions>::from_reader(&nested)
      }
    }
  })
}

/// `T` for a field declared `Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
  let Type::Path(path) = ty else { return None };
  let segment = path.path.segments.last()?;
  if segment.ident != "Option" {
    return None;
  }
  let PathArguments::AngleBracketed(arguments) = &segment.arguments else {
    return None;
  };
  match arguments.args.first()? {
    GenericArgument::Type(inner) => Some(inner),
    _ => None,
  }
}

/// A field's JavaScript name, as NAPI-RS derives it: `file_name` → `fileName`.
fn camel_case(name: &str) -> String {
  let mut result = String::with_capacity(name.len());
  let mut upper = false;
  for c in name.chars() {
    if c == '_' {
      upper = !result.is_empty();
    } else if upper {
      result.extend(c.to_uppercase());
      upper = false;
    } else {
      result.push(c);
    }
  }
  result
}

#[cfg(test)]
mod tests {
  use super::camel_case;

  #[test]
  fn names_follow_napi() {
    assert_eq!(camel_case("file_name"), "fileName");
    assert_eq!(camel_case("use_before_emit_hook"), "useBeforeEmitHook");
    assert_eq!(camel_case("debug"), "debug");
  }
}
