package org.bipm.kcdb.submission.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.application.DraftRules;
import org.bipm.kcdb.submission.application.Writers;
import org.bipm.kcdb.submission.domain.units.BaseUnits;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.Violation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Checks a CMC as it is being written, without storing anything: the same rules a save ({@code for=draft}) or a
 * submission ({@code for=submission}) applies, so a form can show a field's fault as the writer leaves the field, and
 * the SI base-unit ranges the service would derive, so it can show the conversion as the writer types.
 */
@RestController
@RequestMapping("/api/cmcs")
class CmcValidationController {

    private final DraftRules cmcs;

    CmcValidationController(DraftRules cmcs) {
        this.cmcs = cmcs;
    }

    @Operation(summary = "Check a CMC without saving it", description = """
            The body is a CMC as POST /api/cmcs takes it. 200 {valid, errors[{field, message}], cmcBaseUnit, \
            cmcUncertaintyBaseUnit}: the faults the draft rules (for=draft, the default) or the submission rules \
            (for=submission) find, and the ranges in coherent SI units where the units read. Nothing is stored. \
            403 for a caller who is not a writer of an institute; 400 for a body that does not read.""")
    @PostMapping("/validation")
    Mono<Map<String, Object>> validate(Caller caller, @RequestParam(name = "for", defaultValue = "draft") String stage,
                                       @RequestBody CmcRequest request) {
        Writers.requireWriter(caller);
        if (!stage.equals("draft") && !stage.equals("submission")) {
            throw new InvalidFields("Say which rules to check the CMC against.",
                    List.of(new Violation("for", "must be draft or submission")));
        }
        CmcContent content = request.toContent();
        return cmcs.rules().map(rules -> {
            List<Violation> errors = new ArrayList<>(stage.equals("draft")
                    ? rules.forDraft(content) : rules.forSubmission(content));
            errors.addAll(cmcs.tableFaults(content));
            CmcContent derived = BaseUnits.derive(content);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("valid", errors.isEmpty());
            answer.put("errors", errors);
            answer.put("cmcBaseUnit", derived.cmcBaseUnit());
            answer.put("cmcUncertaintyBaseUnit", derived.cmcUncertaintyBaseUnit());
            return answer;
        });
    }
}
