/* fundamental.h: wrappers for instantiatable types that are not GObjects —
 * GParamSpec and introspected fundamental classes (Regress's
 * TestFundamentalObject), with their own ref/unref functions. */
#pragma once

#include <glib-object.h>
#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* TRUE if @gtype is an instantiatable type Sprout wraps as a fundamental:
 * a GParamSpec type, or a non-GObject type whose root has GI information
 * with ref and unref functions. */
gboolean sprout_fundamental_is_wrappable (GType gtype);

/* The JS class for the fundamental @gtype (parents first; the root extends
 * FundamentalBase of js/object.js). NULL with @exception on failure. */
JSObjectRef sprout_fundamental_class_for_gtype (JSContextRef ctx, GType gtype,
                                                JSValueRef *exception);

/* The wrapper of @instance (null for NULL), the same one while it lives.
 * @owned: the caller gives us a reference. A floating GParamSpec is sunk. */
JSValueRef sprout_fundamental_to_js (JSContextRef ctx, gpointer instance,
                                     gboolean owned, JSValueRef *exception);

/* The instance behind a wrapper, checked to be of type @expected (any
 * fundamental for G_TYPE_INVALID). Borrowed. NULL with a TypeError naming
 * @what otherwise. */
gpointer sprout_fundamental_from_js (JSContextRef ctx, JSValueRef value,
                                     GType expected, const char *what,
                                     JSValueRef *exception);

/* A new reference to @instance (GParamSpecs: g_param_spec_ref), and its
 * release. */
gpointer sprout_fundamental_ref (gpointer instance);
void sprout_fundamental_unref (gpointer instance);

/* GValues holding fundamentals, through the type's GI value functions
 * (g_value_get_param/set_param for GParamSpec). get: borrowed, NULL if the
 * type has no getter. set: FALSE if the type has no setter. */
gpointer sprout_fundamental_value_get (const GValue *value);
gboolean sprout_fundamental_value_set (GValue *value, gpointer instance);

/* Adds fundamentalConstruct, fundamentalInvoke and fundamentalDescribe to
 * the natives of js/object.js. */
void sprout_fundamental_define_natives (JSContextRef ctx, JSObjectRef native);

void sprout_fundamental_forget_context (void);

G_END_DECLS
