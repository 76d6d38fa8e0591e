package katas.tool.run;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Collects, as javac analyzes each class, the API of the exercise's classes (what tests compile against)
 * and the names of the test classes.
 */
final class ApiListener implements TaskListener {
    private final Set<URI> testSources;
    private final Map<String, String> exerciseApi = new TreeMap<>();
    private final Set<String> testTypes = new HashSet<>();

    ApiListener(Set<URI> testSources) {
        this.testSources = testSources;
    }

    @Override
    public void finished(TaskEvent event) {
        TypeElement type = event.getTypeElement();
        if (event.getKind() != TaskEvent.Kind.ANALYZE || type == null) {
            return;
        }
        if (testSources.contains(event.getSourceFile().toUri())) {
            testTypes.add(type.getQualifiedName().toString());
        } else {
            StringBuilder api = new StringBuilder();
            describeApi(type, api);
            exerciseApi.put(type.getQualifiedName().toString(), api.toString());
        }
    }

    String api() {
        return String.join("", exerciseApi.values());
    }

    Set<String> testTypes() {
        return testTypes;
    }

    /** Every non-private type and member, with constant values (javac inlines them). */
    static void describeApi(TypeElement type, StringBuilder api) {
        api.append(type.getModifiers())
                .append(' ')
                .append(type.getKind())
                .append(' ')
                .append(type.getQualifiedName())
                .append(type.getTypeParameters())
                .append(" : ")
                .append(type.getSuperclass())
                .append(type.getInterfaces())
                .append('\n');
        for (Element member : type.getEnclosedElements()) {
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            if (member instanceof TypeElement nested) {
                describeApi(nested, api);
                continue;
            }
            api.append("  ")
                    .append(member.getModifiers())
                    .append(' ')
                    .append(member.getKind())
                    .append(' ')
                    .append(member)
                    .append(' ')
                    .append(member.asType());
            if (member instanceof ExecutableElement method) {
                api.append(" throws ").append(method.getThrownTypes());
            } else if (member instanceof VariableElement field && field.getConstantValue() != null) {
                api.append(" = ").append(field.getConstantValue());
            }
            api.append('\n');
        }
    }
}
