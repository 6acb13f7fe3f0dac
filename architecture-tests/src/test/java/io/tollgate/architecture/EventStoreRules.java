package io.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rules that keep the event store typed (issue: one typed cluster stream, entity kinds not strings), on package
 * patterns and types given by the caller, so they run on the product ({@link ArchitectureTest}) and on fixtures
 * ({@link EventStoreRulesTest}) alike.
 */
final class EventStoreRules {

    private EventStoreRules() {}

    /**
     * Entity kinds are named in one place: no class under {@code base} but {@code catalogue} (and the jOOQ classes
     * generated from the migrations, which name their tables) holds one of {@code names} as a string constant — a
     * literal in code, a constant field's value, an annotation value or a string-concatenation recipe. A class that
     * needs a kind uses the catalogue's constant, whose name is behind a method call.
     *
     * <p>String constants live in the class file, so the rule reads it with ASM; a Javadoc or comment that mentions
     * a name is not a constant. The caller passes the names to check: kind names that are also field names (a
     * route's {@code snis}, a service's {@code ca_certificates}) cannot be told apart from those fields and are left
     * out by {@link ArchitectureTest}. {@code others} are further catalogues of names allowed to hold one (the
     * configuration properties: Kong's {@code plugins} property is named like the kind).
     */
    static ArchRule kindNamesStayInTheCatalogue(
            String base, Set<String> names, Class<?> catalogue, Class<?>... others) {
        Class<?>[] allowed = new Class<?>[others.length + 1];
        allowed[0] = catalogue;
        System.arraycopy(others, 0, allowed, 1, others.length);
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .and()
                .resideOutsideOfPackage(base + ".adapter.postgres.schema..")
                .and()
                .doNotBelongToAnyOf(allowed)
                .should(holdStringConstants(names))
                .because("adding an entity kind must not mean editing string switches: name kinds through "
                        + catalogue.getSimpleName());
    }

    /**
     * The stream is consumed by exhaustive {@code switch}es over its sealed types, so the compiler finds every
     * consumer of a new event type: no code under {@code base} tests an event with {@code instanceof} (a pattern
     * {@code switch} compiles to a type switch, not to {@code instanceof}).
     */
    static ArchRule eventsAreSwitchedOver(String base, Class<?> root) {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .should(testWithInstanceof(root))
                .because("a new event type must be a compile error wherever events are consumed");
    }

    /**
     * Every type of the stream below {@code root} (in the imported classes) is either a sealed interface or a final
     * record: the hierarchy is closed, and an event is a value, with no nullable "which kind am I" fields to test.
     */
    static ArchRule theStreamIsSealedDownToRecords(Class<?> root) {
        return classes()
                .that()
                .areAssignableTo(root)
                .should(new ArchCondition<JavaClass>("be sealed interfaces or records") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        Class<?> reflected = type.reflect();
                        boolean ok = reflected.isInterface() ? reflected.isSealed() : reflected.isRecord();
                        if (!ok) {
                            events.add(SimpleConditionEvent.violated(
                                    type,
                                    "Class <" + type.getName() + "> is "
                                            + (reflected.isInterface()
                                                    ? "an interface that is not sealed"
                                                    : "not a record")));
                        }
                    }
                })
                .because("the cluster stream is closed: every consumer switches over all of it");
    }

    private static ArchCondition<JavaClass> testWithInstanceof(Class<?> root) {
        return new ArchCondition<>("test events of " + root.getSimpleName() + " with instanceof") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    for (InstanceofCheck check : unit.getInstanceofChecks()) {
                        if (check.getRawType().isAssignableTo(root)) {
                            events.add(SimpleConditionEvent.satisfied(
                                    check,
                                    unit.getDescription() + " checks instanceof <"
                                            + check.getRawType().getName() + "> in " + check.getSourceCodeLocation()));
                        }
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> holdStringConstants(Set<String> names) {
        return new ArchCondition<>("hold an entity kind name as a string constant " + new TreeSet<>(names)) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (String constant : stringConstants(type)) {
                    if (names.contains(constant)) {
                        events.add(SimpleConditionEvent.satisfied(
                                type, "Class <" + type.getName() + "> holds the string constant \"" + constant + "\""));
                    }
                }
            }
        };
    }

    /** Every string constant of the class file, in order of appearance, without duplicates. */
    static Set<String> stringConstants(JavaClass type) {
        Source source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type));
        Set<String> found = new java.util.LinkedHashSet<>();
        try (InputStream in = source.getUri().toURL().openStream()) {
            new ClassReader(in).accept(new Collector(found), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Collects string constants from code, constant fields, annotations and invokedynamic arguments. */
    private static final class Collector extends ClassVisitor {
        private final Set<String> found;

        Collector(Set<String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        private void add(Object value) {
            if (value instanceof String s) {
                found.add(s);
            }
        }

        private AnnotationVisitor annotations() {
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String name, Object value) {
                    add(value);
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    return this;
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                    return this;
                }
            };
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotations();
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            add(value);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    return annotations();
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLdcInsn(Object value) {
                    add(value);
                }

                @Override
                public void visitInvokeDynamicInsn(
                        String name, String descriptor, Handle bootstrap, Object... arguments) {
                    for (Object argument : arguments) {
                        add(argument);
                    }
                }

                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    return annotations();
                }
            };
        }
    }
}
