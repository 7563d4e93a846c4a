/** Texts of the admin "Recognition" card: the calibration report and the recognition settings (Spanish). */
import type en from '../en/recognition'

export default {
  title: 'Reconocimiento',
  refresh: 'Actualizar',
  loading: 'Cargando el informe de calibración…',
  readOnly: 'Solo un propietario puede cambiar estos ajustes.',
  unresolved: 'por debajo de lo que resuelve la prueba',
  model: 'Las caras se comparan con {name} (modelo {id}), por distancia euclídea entre descriptores de longitud unidad: cuanto menor, más se parecen.',
  calibration: 'Sus tasas vienen de la prueba {protocol}: {genuine} pares de la misma persona y {impostor} de personas distintas, medidos el {date}.',
  migration: {
    running: 'Actualizando {total} plantillas faciales para el nuevo modelo de reconocimiento: {done} de {total}.',
    progress: 'Plantillas faciales actualizadas',
    failed: 'Una plantilla no se pudo recalcular: vuelva a registrar a esa persona. | {n} plantillas no se pudieron recalcular: vuelva a registrar a esas personas.',
    error: 'La actualización de las plantillas faciales se detuvo: {reason}'
  },
  figures: {
    threshold: 'Umbral de coincidencia (verificación 1:1)',
    isDefault: 'el predeterminado del modelo',
    default: 'predeterminado del modelo {value}',
    farFrr: 'En la prueba: falsas aceptaciones (FAR) {far}, falsos rechazos (FRR) {frr}.',
    identification: 'Umbral que usa 1:N sin nadie registrado | Umbral que usa 1:N con {persons} persona registrada | Umbral que usa 1:N con {persons} personas registradas',
    target: 'para una FPIR objetivo de {fpir}',
    expected: 'Tasa esperada de identificaciones falsas (FPIR) {fpir}; falsos rechazos (FRR) {frr}.',
    margin: 'Margen de ambigüedad',
    marginHint: 'No se nombra a nadie cuando la segunda persona más cercana está a menos de esto de la primera.'
  },
  chart: {
    title: 'Falsas aceptaciones y falsos rechazos según el umbral',
    summary: 'Gráfico de líneas de la prueba: la tasa de falsas aceptaciones (FAR) sube y la de falsos rechazos (FRR) baja al subir el umbral; el umbral vigente es {threshold}. Las mismas cifras están en la tabla siguiente.',
    tableCaption: 'Tasas de falsas aceptaciones y falsos rechazos en la prueba por umbral',
    distance: 'Umbral (distancia)',
    rate: 'Tasa (escala logarítmica)',
    far: 'Falsas aceptaciones (FAR)',
    frr: 'Falsos rechazos (FRR)',
    current: 'Umbral vigente {value}',
    identification: 'Umbral 1:N {value}',
    draft: 'Probando {value}'
  },
  form: {
    title: 'Cambiar los ajustes de reconocimiento',
    threshold: 'Umbral de coincidencia',
    thresholdHint: '{range}. Más bajo nombra a menos desconocidos, pero pide más a menudo al personal que vuelva a mirar.',
    useDefault: 'Usar el predeterminado del modelo ({value})',
    targetFpir: 'FPIR objetivo',
    targetFpirHint: '{range} %. La mayor proporción de desconocidos a los que 1:N puede dar un nombre; el umbral se ajusta al registrar más personas para mantenerla.',
    margin: 'Margen de ambigüedad',
    marginHint: '{range}. Mayor rechaza más casos dudosos entre dos personas.',
    save: 'Guardar ajustes de reconocimiento',
    saving: 'Guardando…',
    undo: 'Deshacer cambios'
  },
  preview: {
    title: 'Qué harían estos valores',
    far: 'Umbral {value}: falsas aceptaciones (FAR) {from} → {to}',
    frr: 'Falsos rechazos (FRR) {from} → {to}',
    fpir: '1:N sin nadie registrado: umbral {threshold}, FPIR esperada {from} → {to} | 1:N con {persons} persona registrada: umbral {threshold}, FPIR esperada {from} → {to} | 1:N con {persons} personas registradas: umbral {threshold}, FPIR esperada {from} → {to}',
    note: 'Leído de la curva de la prueba; nada cambia hasta que guarde.',
    idle: 'Mueva el umbral o cambie la FPIR objetivo para ver qué haría antes de guardar.'
  },
  errors: {
    range: 'Escriba un número de {range}.'
  },
  notice: {
    saved: 'Ajustes de reconocimiento guardados; las cifras de arriba son las vigentes.',
    nothing: 'No ha cambiado nada.'
  }
} satisfies typeof en
