package io.lodestar.acs.profiles.template;

import io.lodestar.acs.profiles.device.ProfileDevice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a template for one device. Operators' values are taken from the device, else from its tags (which must
 * agree), else from its product class. Every substituted value is XML-escaped when the template is XML. Anything
 * missing refuses the whole profile with every reason at once.
 */
public final class TemplateRenderer {

    private final ProfileValues values;

    public TemplateRenderer(ProfileValues values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    public RenderResult render(ProfileTemplate template, ProfileDevice device) {
        StringBuilder out = new StringBuilder(template.text().length() + 256);
        Set<RenderProblem> problems = new LinkedHashSet<>();
        for (Segment segment : template.segments()) {
            if (segment instanceof Segment.Text t) {
                out.append(t.text());
                continue;
            }
            Resolved r = resolve(segment, device);
            if (r.problem() != null) {
                problems.add(r.problem());
            } else if (template.escapesXml() && !Xml.representable(r.value())) {
                problems.add(new RenderProblem.UnrepresentableValue(r.what()));
            } else {
                out.append(template.escapesXml() ? Xml.escape(r.value()) : r.value());
            }
        }
        return problems.isEmpty() ? new RenderResult.Rendered(out.toString())
                : new RenderResult.Refused(new ArrayList<>(problems));
    }

    private record Resolved(String value, String what, RenderProblem problem) {
    }

    private Resolved resolve(Segment segment, ProfileDevice device) {
        if (segment instanceof Segment.Value v) {
            return value(v.name(), device);
        }
        if (segment instanceof Segment.Param p) {
            String value = device.parameters().get(p.path());
            return value == null ? new Resolved(null, null, new RenderProblem.MissingParameter(p.path()))
                    : new Resolved(value, "parameter " + p.path(), null);
        }
        Segment.MacroRef m = (Segment.MacroRef) segment;
        Optional<String> value = m.macro().valueFor(device);
        return value.map(s -> new Resolved(m.apply(s), "macro $" + m.macro().name(), null))
                .orElseGet(() -> new Resolved(null, null, new RenderProblem.MissingMacro(m.macro())));
    }

    private Resolved value(String name, ProfileDevice device) {
        String what = "value '" + name + "'";
        Optional<String> own = values.find(ValueScope.DEVICE, device.id().value(), name);
        if (own.isPresent()) {
            return new Resolved(own.get(), what, null);
        }
        Map<String, String> byTag = new TreeMap<>();
        for (String tag : device.tags()) {
            values.find(ValueScope.TAG, tag, name).ifPresent(v -> byTag.put(tag, v));
        }
        List<String> distinct = byTag.values().stream().distinct().toList();
        if (distinct.size() > 1) {
            return new Resolved(null, what, new RenderProblem.ConflictingValue(name, byTag));
        }
        if (distinct.size() == 1) {
            return new Resolved(distinct.get(0), what, null);
        }
        if (device.productClass() != null) {
            Optional<String> byClass = values.find(ValueScope.PRODUCT_CLASS, device.productClass(), name);
            if (byClass.isPresent()) {
                return new Resolved(byClass.get(), what, null);
            }
        }
        return new Resolved(null, what, new RenderProblem.MissingValue(name));
    }
}
