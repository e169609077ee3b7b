import { memoise } from './memo.ts';

/**
 * A phonetic key for one normalised Spanish name token (a–z only, as `normaliseName`
 * returns): two spellings that a Latin-American Spanish speaker pronounces the same
 * get the same key, so a registrar who writes what they hear still matches.
 *
 * Rules, applied left to right (the key uses lower-case letters; `c` stands for the
 * sound of "ch" and nothing else):
 *
 * | spelling | key | why |
 * |---|---|---|
 * | h (not in ch) | — | silent: Hernández = Ernández, Huilmer = Wilmer |
 * | ch | c | one sound: Sánchez |
 * | b, v | b | no difference in speech: Valencia = Balencia |
 * | c before e/i, s, z | s | seseo: Zambrano = Sambrano, Cecilia = Sesilia |
 * | c elsewhere, k, q(u) | k | Quintero = Kintero, Carla = Karla |
 * | g before e/i, j | j | Giménez = Jiménez, Gerardo = Jerardo |
 * | gu before e/i | g | the u is silent: Guillermo = Gillermo |
 * | ll, y before a vowel | y | yeísmo: Llépez = Yépez |
 * | y not before a vowel | i | Maykel = Maikel, Mayra = Maira |
 * | w | u | Wilmer = Uilmer = Huilmer |
 * | ph | f | Raphael = Rafael |
 * | x | s at the start, ks elsewhere | Xiomara = Siomara, Alexander = Aleksander |
 * | n before b/p/v | m | Ambrosio = Anbrosio |
 * | any letter repeated | once | Isaac = Isac, Marrero = Marero, Jennifer = Jenifer |
 *
 * Not applied, on purpose: dropping a final d or s (Caribbean speech drops both, but
 * registrars copy names from documents and the drop would merge Pérez with Pere); r/l
 * swaps; y/j ("Yeferson"/"Jeferson") — these are left to the Jaro-Winkler similarity.
 */
export function spanishPhonetic(token: string): string {
  return cachedPhonetic(token);
}

const cachedPhonetic = memoise(phonetic);

function phonetic(token: string): string {
  const s = token;
  let key = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const next = s[i + 1] ?? '';
    switch (c) {
      case 'h':
        break;
      case 'c':
        if (next === 'h') {
          key += 'c';
          i++;
        } else key += next === 'e' || next === 'i' ? 's' : 'k';
        break;
      case 'q':
        key += 'k';
        if (next === 'u') i++;
        break;
      case 'k':
        key += 'k';
        break;
      case 'z':
      case 's':
        key += 's';
        break;
      case 'x':
        key += i === 0 ? 's' : 'ks';
        break;
      case 'g': {
        const after = s[i + 2] ?? '';
        if (next === 'e' || next === 'i') key += 'j';
        else if (next === 'u' && (after === 'e' || after === 'i')) {
          key += 'g';
          i++;
        } else key += 'g';
        break;
      }
      case 'j':
        key += 'j';
        break;
      case 'b':
      case 'v':
        key += 'b';
        break;
      case 'w':
        key += 'u';
        break;
      case 'p':
        if (next === 'h') {
          key += 'f';
          i++;
        } else key += 'p';
        break;
      case 'l':
        if (next === 'l') {
          key += 'y';
          i++;
        } else key += 'l';
        break;
      case 'y':
        key += isVowel(next) ? 'y' : 'i';
        break;
      case 'n':
        key += next === 'b' || next === 'p' || next === 'v' ? 'm' : 'n';
        break;
      default:
        key += c;
    }
  }
  return key.replace(/(.)\1+/g, '$1');
}

function isVowel(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}
