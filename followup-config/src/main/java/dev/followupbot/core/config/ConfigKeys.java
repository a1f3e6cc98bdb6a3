package dev.followupbot.core.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.followupbot.core.schedule.WeeklyHours;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key {@code followup.yaml} accepts, as a path such as {@code scheduler.threads} or {@code
 * teams[].unclaimed.escalation[].after}, read off the records {@link ConfigLoader} fills in. Policy
 * keys, which both {@code defaults:} and each team take, are listed once, without a prefix.
 */
public final class ConfigKeys {

  /** Records that {@link ConfigLoader} reads from one value rather than from keys of their own. */
  private static final Set<Class<?>> ONE_VALUE =
      Set.of(PolicySpec.QuietSetting.class, WeeklyHours.class);

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private ConfigKeys() {}

  /** The keys outside the policy: top level, {@code scheduler}, {@code delivery}, team identity. */
  public static List<String> general() {
    List<String> keys = new ArrayList<>();
    walk(FollowupConfig.class, "", keys);
    return keys;
  }

  /** The policy keys, valid under {@code defaults:} and under each team. */
  public static List<String> policy() {
    List<String> keys = new ArrayList<>();
    walk(PolicySpec.class, "", keys);
    return keys;
  }

  private static void walk(Class<?> type, String prefix, List<String> keys) {
    Set<String> policyKeys = type == PolicySpec.class ? Set.of() : policyNames();
    for (RecordComponent c : type.getRecordComponents()) {
      String key = SNAKE.translate(c.getName());
      if (type == TeamSpec.class && policyKeys.contains(key)) {
        continue;
      }
      if (type == FollowupConfig.class && key.equals("defaults")) {
        continue;
      }
      Class<?> raw = c.getType();
      Type generic = c.getGenericType();
      if (List.class.isAssignableFrom(raw) && element(generic, 0) instanceof Class<?> item) {
        if (isNested(item)) {
          walk(item, prefix + key + "[].", keys);
        } else {
          keys.add(prefix + key);
        }
      } else if (Map.class.isAssignableFrom(raw) && element(generic, 0) instanceof Class<?> k) {
        keys.add(prefix + key + ".<" + SNAKE.translate(k.getSimpleName()) + ">");
      } else if (isNested(raw)) {
        walk(raw, prefix + key + ".", keys);
      } else {
        keys.add(prefix + key);
      }
    }
  }

  private static Set<String> policyNames() {
    Set<String> names = new java.util.HashSet<>();
    for (RecordComponent c : PolicySpec.class.getRecordComponents()) {
      names.add(SNAKE.translate(c.getName()));
    }
    return names;
  }

  private static boolean isNested(Class<?> type) {
    return type.isRecord() && !ONE_VALUE.contains(type);
  }

  private static Type element(Type generic, int index) {
    return generic instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
  }
}
