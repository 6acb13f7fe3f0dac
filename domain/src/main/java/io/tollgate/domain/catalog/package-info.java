/**
 * The catalogue of entity kinds: what each kind is called, how the Admin API and the cache address it, and what a
 * change of it invalidates. The lowest layer of the domain: it depends on no other domain package.
 */
@NullMarked
package io.tollgate.domain.catalog;

import org.jspecify.annotations.NullMarked;
