/**
 * Name frequencies for synthetic populations, shaped like Venezuela's and Colombia's
 * registers (relative weights, not census figures): a few very common family names
 * (González, Rodríguez, Hernández, Pérez…), "María" and "José" leading compound given
 * names, particles ("del Valle", "de la Cruz"), and a long tail.
 */
export type Weighted = readonly (readonly [string, number])[];

export const FAMILY_NAMES: Weighted = [
  ['González', 45], ['Rodríguez', 35], ['Hernández', 30], ['Pérez', 28], ['García', 26], ['Martínez', 22],
  ['López', 21], ['Díaz', 18], ['Sánchez', 17], ['Ramírez', 16], ['Gómez', 14], ['Torres', 12], ['Rojas', 10],
  ['Flores', 9], ['Álvarez', 9], ['Romero', 8], ['Morales', 8], ['Suárez', 8], ['Castillo', 7], ['Mendoza', 7],
  ['Moreno', 7], ['Gutiérrez', 7], ['Jiménez', 7], ['Vásquez', 7], ['Fernández', 7], ['Medina', 6],
  ['Contreras', 6], ['Rivas', 5], ['Blanco', 5], ['Guerrero', 5], ['Chávez', 5], ['Silva', 5], ['Ortiz', 5],
  ['Rivero', 5], ['Ramos', 5], ['Herrera', 5], ['Marcano', 4], ['Parra', 4], ['Salazar', 4], ['Acosta', 4],
  ['Castro', 4], ['Vargas', 4], ['Molina', 4], ['Zambrano', 3], ['Quintero', 3], ['Bolívar', 3], ['Aguilar', 3],
  ['Cabrera', 3], ['Núñez', 3], ['Muñoz', 3], ['Peña', 3], ['Ortega', 3], ['Mora', 3], ['Velásquez', 3],
  ['Valencia', 2], ['Yépez', 2], ['Villegas', 2], ['Báez', 2], ['Bravo', 2], ['Figueroa', 2], ['Escalona', 2],
  ['Briceño', 2], ['Colmenares', 2], ['Guevara', 2], ['Cedeño', 2], ['Lugo', 2], ['Gil', 2], ['Linares', 2],
  ['Arias', 2], ['Paredes', 2], ['Cordero', 2], ['Rondón', 2], ['León', 2], ['de la Cruz', 2], ['del Valle', 2],
  ['Sequera', 1], ['Urdaneta', 1], ['Valera', 1], ['Ochoa', 1], ['Tovar', 1], ['Villarroel', 1], ['Carrasco', 1],
  ['Hidalgo', 1], ['Mujica', 1], ['Pacheco', 1], ['Uzcátegui', 1], ['Bello', 1], ['Soto', 1], ['Navas', 1],
  ['de Jesús', 1], ['da Silva', 1], ['De Freitas', 1], ['Quiñones', 1], ['Echeverría', 1], ['Llovera', 1],
];

/** Stems and endings for the long tail of rarer family names (Alvarado, Carmona, Villalobos…). */
export const FAMILY_STEMS = [
  'Alvar', 'Barr', 'Camp', 'Card', 'Carm', 'Dug', 'Esc', 'Gal', 'Gall', 'Lar', 'Mir', 'Mont', 'Nav', 'Olm', 'Pal', 'Quev',
  'Rin', 'Sal', 'Ter', 'Urb', 'Vill', 'Zap', 'Agu', 'Bet', 'Cov', 'Dom', 'Fal', 'Gam', 'Ibar', 'Lan', 'Mat', 'Orn',
  'Pin', 'Rend', 'Sant', 'Tap', 'Ug', 'Var', 'Zul', 'Arc', 'Bust', 'Cald', 'Est', 'Garm', 'Lin', 'Maldon', 'Neg', 'Pulg',
] as const;
export const FAMILY_ENDINGS = ['ado', 'ero', 'ona', 'ino', 'ena', 'ales', 'illo', 'ón', 'uela', 'ano', 'edo', 'iz', 'ía', 'era', 'obos', 'ares'] as const;

export const FEMALE_FIRST: Weighted = [
  ['María', 30], ['Ana', 5], ['Carmen', 2], ['Luisa', 2], ['Rosa', 3], ['Yolanda', 2], ['Carolina', 3], ['Gabriela', 3],
  ['Andrea', 3], ['Daniela', 4], ['Valentina', 4], ['Yesenia', 2], ['Yusmary', 1], ['Yelitza', 1], ['Mariela', 2],
  ['Marisol', 2], ['Nelly', 1], ['Diana', 2], ['Patricia', 2], ['Alejandra', 2], ['Fernanda', 2], ['Isabel', 2],
  ['Elena', 1], ['Teresa', 1], ['Sofía', 3], ['Camila', 3], ['Victoria', 2], ['Natalia', 2], ['Paola', 2], ['Johana', 1],
  ['Yuliana', 1], ['Leidy', 1], ['Katherine', 1], ['Milagros', 2], ['Beatriz', 1], ['Gladys', 1], ['Zulay', 1],
  ['Xiomara', 1], ['Lisbeth', 1], ['Jennifer', 1], ['Génesis', 2], ['Juana', 1], ['Josefina', 1], ['Luz', 2],
  ['Gisela', 1], ['Yajaira', 1], ['Norma', 1], ['Auristela', 1], ['Mayra', 1], ['Zoraida', 1], ['Belkis', 1],
];
export const FEMALE_SECOND: Weighted = [
  ['José', 4], ['Alejandra', 3], ['Fernanda', 3], ['Gabriela', 3], ['Eugenia', 2], ['Teresa', 2], ['Elena', 2],
  ['del Carmen', 3], ['del Valle', 3], ['de los Ángeles', 2], ['Isabel', 2], ['Victoria', 2], ['Carolina', 2],
  ['Antonieta', 1], ['Auxiliadora', 1], ['Josefina', 1], ['Inés', 1], ['Luisa', 2], ['Andreína', 1], ['Virginia', 1],
  ['Cristina', 1], ['Mercedes', 1], ['Marina', 1], ['Beatriz', 1], ['Elizabeth', 1], ['Milagros', 1], ['Valentina', 2],
];
export const MALE_FIRST: Weighted = [
  ['José', 16], ['Juan', 8], ['Luis', 6], ['Carlos', 6], ['Jesús', 4], ['Pedro', 3], ['Miguel', 3], ['Francisco', 3],
  ['Antonio', 2], ['Manuel', 3], ['Rafael', 3], ['Jorge', 2], ['Ángel', 3], ['Alejandro', 2], ['Daniel', 3], ['Gabriel', 2],
  ['David', 2], ['Andrés', 2], ['Fernando', 2], ['Ricardo', 2], ['Eduardo', 2], ['Víctor', 2], ['Óscar', 1], ['Javier', 2],
  ['Héctor', 1], ['Wilmer', 1], ['Yeferson', 1], ['Jhonny', 1], ['Richard', 1], ['Douglas', 1], ['Freddy', 1],
  ['Nelson', 1], ['Oswaldo', 1], ['Samuel', 2], ['Santiago', 2], ['Sebastián', 2], ['Diego', 2], ['Gregorio', 1],
  ['Ramón', 2], ['Rubén', 1], ['Julio', 1], ['César', 1], ['Enrique', 1], ['Alberto', 1], ['Ernesto', 1],
  ['Guillermo', 1], ['Hugo', 1], ['Orlando', 1], ['Gustavo', 1], ['Reinaldo', 1], ['Alexander', 1], ['Kevin', 1],
  ['Maikel', 1], ['Yonathan', 1], ['Xavier', 1], ['Hernán', 1],
];
export const MALE_SECOND: Weighted = [
  ['Luis', 4], ['Carlos', 3], ['Antonio', 3], ['José', 3], ['Manuel', 3], ['Gregorio', 2], ['Rafael', 2], ['Miguel', 2],
  ['Alberto', 2], ['Alejandro', 2], ['Enrique', 1], ['Eduardo', 2], ['Javier', 1], ['Andrés', 1], ['Ramón', 1],
  ['Ángel', 2], ['David', 2], ['Daniel', 2], ['Francisco', 1], ['Gabriel', 1], ['Jesús', 2], ['Armando', 1],
  ['Ignacio', 1], ['Elías', 1], ['de Jesús', 1], ['Vicente', 1], ['Ernesto', 1],
];
