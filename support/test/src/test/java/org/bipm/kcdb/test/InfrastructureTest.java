package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void aPropertyOverridesTheAutomaticChoice() {
        assertThat(Infrastructure.choose("embedded")).isEqualTo(Infrastructure.EMBEDDED);
        assertThat(Infrastructure.choose("CONTAINERS")).isEqualTo(Infrastructure.CONTAINERS);
    }

    @Test
    void autoFollowsWhetherADockerEngineAnswers() {
        Infrastructure expected = Infrastructure.dockerAvailable() ? Infrastructure.CONTAINERS : Infrastructure.EMBEDDED;
        assertThat(Infrastructure.choose("auto")).isEqualTo(expected);
    }

    @Test
    void anUnknownSettingIsRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> Infrastructure.choose("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, containers or embedded");
    }
}
