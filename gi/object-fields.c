/* object-fields.c: the public fields of GObject instance structs, as GJS
 * 1.74 exposes them (boxed.h).
 *
 * GJS lets JS read the fields an object's GI info lists (Regress.TestObj's
 * some_int8, some_double...) but never write them, and only fields of
 * "simple" types: an embedded parent instance, a callback or a container
 * throws when read. Sprout plans these fields exactly like struct fields
 * (boxed-fields.c: one SproutField each, marshallers from the argument
 * cache), then narrows the plan to what GJS allows. The accessors on the
 * class's prototype pass the wrapper itself: the native call finds the
 * GObject, checked against the field's class (so subclasses inherit the
 * accessors), and reads at the field's offset. The plans live as long as
 * the prototype, which keeps their holder token (js/object.js).
 */
#include "boxed-private.h"

#include "js-util.h"
#include "token.h"

static void
sprout_object_fields_release (gpointer native, guint generation)
{
  sprout_boxed_type_free (native);
}

static const SproutTokenKind sprout_object_fields_token = {
  "ObjectFields",
  sprout_object_fields_release,
};

/* GJS's wording, for fields whose type it does not read. */
static JSValueRef
sprout_object_field_get_complex (JSContextRef ctx, const SproutField *field,
                                 SproutBoxed *boxed, JSValueRef wrapper,
                                 JSValueRef *exception)
{
  return sprout_js_throw (ctx, exception, "TypeError",
                          "Can't get field \"%s\"; GObject introspection "
                          "supports only fields with simple types, not %s",
                          field->arg.name,
                          g_type_tag_to_string (field->arg.tag));
}

static gboolean
sprout_object_field_type_is_simple (const SproutField *field)
{
  switch (field->arg.tag) {
  case GI_TYPE_TAG_ARRAY:
  case GI_TYPE_TAG_INTERFACE:
  case GI_TYPE_TAG_GLIST:
  case GI_TYPE_TAG_GSLIST:
  case GI_TYPE_TAG_GHASH:
  case GI_TYPE_TAG_ERROR:
    return FALSE;
  default:
    return TRUE;
  }
}

/* The names and field tokens to define, into the JS arrays @names and
 * @tokens; fields that a method of the class already names keep the
 * method. */
static void
sprout_object_fields_collect (JSContextRef ctx, JSObjectRef prototype,
                              SproutBoxedType *type, JSObjectRef names,
                              JSObjectRef tokens)
{
  guint n = 0;

  for (guint i = 0; i < type->n_fields; i++) {
    SproutField *field = &type->fields[i];
    g_autoptr (SproutJSString) name =
      JSStringCreateWithUTF8CString (field->arg.name);

    if (JSObjectHasProperty (ctx, prototype, name))
      continue;
    if (!sprout_object_field_type_is_simple (field))
      field->get = sprout_object_field_get_complex;
    sprout_js_array_set (ctx, names, n, JSValueMakeString (ctx, name));
    sprout_js_array_set (ctx, tokens, n,
                         sprout_boxed_field_token_new (ctx, field));
    n++;
  }
}

gboolean
sprout_object_fields_define (JSContextRef ctx, JSObjectRef prototype,
                             GIObjectInfo *info, GType gtype,
                             JSValueRef *exception)
{
  SproutBoxedType *type;
  JSObjectRef holder, names, tokens;
  JSValueRef args[5];

  if (g_object_info_get_n_fields (info) == 0)
    return TRUE;
  type = sprout_boxed_type_new_for_object (info, gtype);
  holder = sprout_token_new (ctx, &sprout_object_fields_token, type, 0);
  names = sprout_js_array_new (ctx, exception);
  tokens = names ? sprout_js_array_new (ctx, exception) : NULL;
  if (tokens == NULL)
    return FALSE;
  sprout_object_fields_collect (ctx, prototype, type, names, tokens);
  args[0] = prototype;
  args[1] = names;
  args[2] = tokens;
  args[3] = holder;
  args[4] = sprout_js_value_from_utf8 (ctx, g_type_name (gtype));
  return sprout_boxed_helper_call (ctx, "defineObjectFields", 5, args,
                                   exception) != NULL;
}

/* native.objectFieldGet(wrapper, field) */
static JSValueRef
sprout_object_field_native_get (JSContextRef ctx, JSObjectRef function,
                                JSObjectRef self, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception)
{
  const SproutField *field =
    argc > 1 ? sprout_boxed_field_of_token (ctx, argv[1], exception) : NULL;
  g_autofree char *what = NULL;
  SproutBoxed view = { 0 };

  if (field == NULL)
    return *exception ? NULL
                      : sprout_js_throw (ctx, exception, "TypeError",
                                         "Not an object field");
  what = g_strdup_printf ("Field '%s'", field->arg.name);
  view.data =
    sprout_object_from_js (ctx, argv[0], field->owner->gtype, what, exception);
  if (view.data == NULL)
    return NULL;
  view.info = field->owner->info;
  view.gtype = field->owner->gtype;
  return field->get (ctx, field, &view, argv[0], exception);
}

void
sprout_object_fields_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "objectFieldGet",
                             sprout_object_field_native_get);
}
