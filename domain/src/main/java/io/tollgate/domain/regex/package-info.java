/** The regex dialect of Kong's configurations (PCRE, as OpenResty runs it) compiled into Java patterns. */
@NullMarked
package io.tollgate.domain.regex;

import org.jspecify.annotations.NullMarked;
