/** Building blocks shared by every aggregate: rejections in Kong's error codes, the workspace id. */
@NullMarked
package io.tollgate.domain.shared;

import org.jspecify.annotations.NullMarked;
