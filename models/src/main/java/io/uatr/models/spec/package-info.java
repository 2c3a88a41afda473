/**
 * The model specification record, its enums and its conversion to and from plain YAML-like maps.
 */
package io.uatr.models.spec;
