/** How credential secrets are kept: basic-auth passwords as salted, slow hashes, and how they are verified. */
@Application
@NullMarked
package io.tollgate.application.credential;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
